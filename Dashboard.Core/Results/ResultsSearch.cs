using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>The search criterion of a <see cref="ResultsFilter"/>.</summary>
internal static class ResultsSearch
{
    /// <summary>
    /// Terms of 3+ characters go to the trigram index (any substring of the names or email) or match a test
    /// name (the catalogue is small: folded and compared here, so "excel" does not pull a fifth of the index);
    /// shorter terms are matched on the folded "last first" name: the first as an indexed prefix when it is
    /// the only kind of term, otherwise as a substring of the rows already narrowed. A number also matches
    /// the registration ID exactly. Every term must match. <c>subjects</c> is the test catalogue with folded names.
    /// <paramref name="range"/> bounds the search index's read; the caller narrows the rows to the same range.
    /// With <paramref name="part"/>, only that part of the rows (<see cref="Parts"/>).
    /// </summary>
    public static IQueryable<Registration> Apply(DashboardDbContext db, IQueryable<Registration> query, SearchText search,
        IReadOnlyList<(int Id, string Name)> subjects, IdRange? range = null, SearchPart? part = null)
    {
        var text = query;
        var shortTerms = search.ShortTerms;
        if (search.LongTerms.Count > 0)
        {
            var nameTerms = new List<string>();
            foreach (var term in search.LongTerms)
            {
                var subjectIds = SubjectsMatching(subjects, term);
                if (subjectIds.Count == 0)
                {
                    nameTerms.Add(term);
                    continue;
                }

                var ids = SearchIndex.MatchingRegistrationIds(db, [term], range);
                if (part is { } split)
                {
                    // The first term that names a test splits the rows; the terms after it narrow each part as usual.
                    text = split.SubjectId is { } subjectId ? text.Where(r => r.SubjectId == subjectId) : text.Where(r => ids.Contains(r.Id));
                    part = null;
                    continue;
                }

                text = text.Where(r => subjectIds.Contains(r.SubjectId) || ids.Contains(r.Id));
            }

            if (nameTerms.Count > 0)
            {
                (var indexTerms, text) = ByLocalPart(db, nameTerms, text);
                var ids = SearchIndex.MatchingRegistrationIds(db, indexTerms, range);
                text = text.Where(r => ids.Contains(r.Id));
            }
        }
        else
        {
            var low = shortTerms[0];
            var high = low + char.ConvertFromUtf32(0x10FFFF);
#pragma warning disable CA1309 // Translated to SQL (a BINARY range on the SortName index), never run in .NET.
            text = text.Where(r => string.Compare(r.SortName, low) >= 0 && string.Compare(r.SortName, high) < 0);
#pragma warning restore CA1309
            shortTerms = shortTerms.Skip(1).ToList();
        }

        foreach (var term in shortTerms)
        {
            text = text.Where(r => r.SortName.Contains(term));
        }

        if (search.Id is { } id)
        {
            var byId = query.Where(r => r.Id == id);
            return text.Union(byId);
        }

        return text;
    }

    /// <summary>
    /// The parts whose union is the search's rows when a term also names tests ("excel" → Excel): one per such test
    /// (its rows come in Id order from the (AccountId, SubjectId, Id) index) and one for the term's matches in the
    /// names (the trigram index). As one condition, "test IN (…) OR id IN (matches)", no index yields the rows in Id
    /// order, so the first matches cost a walk over the account's rows (docs/bench-results.md, session 4). The parts
    /// may overlap (a row can match both ways). Empty when no term names a test, or with an Id, which is its own part.
    /// </summary>
    public static IReadOnlyList<SearchPart> Parts(SearchText search, IReadOnlyList<(int Id, string Name)> subjects)
    {
        if (search.Id is not null)
        {
            return [];
        }

        var split = search.LongTerms.Select(t => SubjectsMatching(subjects, t)).FirstOrDefault(ids => ids.Count > 0);
        return split is null ? [] : [.. split.Select(id => new SearchPart(id)), new SearchPart(null)];
    }

    /// <summary>
    /// The Ids of a part (or of the whole search, <paramref name="part"/> null and no term naming a test) read along the
    /// search index in Id order, each checked against <paramref name="rows"/> by its (AccountId, Id) index: the first
    /// matches cost about as many index probes as they need, instead of collecting every match of a common term before
    /// the first is returned (docs/bench-results.md, session 6). Worth it only when <paramref name="rows"/> keep most of
    /// the account's rows (a narrow filter would probe many matches for each one kept), so the caller decides. Null when
    /// the part cannot be read so: PostgreSQL (its trigram index has no order), an Id, a test's own rows, or a term naming
    /// a test besides the one the parts split on.
    /// </summary>
    public static Func<bool, IQueryable<int>>? AlongIndex(DashboardDbContext db, IQueryable<Registration> rows, SearchText search,
        IReadOnlyList<(int Id, string Name)> subjects, SearchPart? part)
    {
        if (db.Database.IsNpgsql() || search.Id is not null || search.LongTerms.Count == 0 || part is { SubjectId: not null })
        {
            return null;
        }

        var split = part is not null;
        foreach (var term in search.LongTerms)
        {
            if (SubjectsMatching(subjects, term).Count > 0)
            {
                if (!split)
                {
                    return null;
                }

                // The names' part of the term the parts split on: its matches in the index, like any other term.
                split = false;
            }
        }

        foreach (var term in search.ShortTerms)
        {
            rows = rows.Where(r => r.SortName.Contains(term));
        }

        var (indexTerms, checkedRows) = ByLocalPart(db, search.LongTerms, rows);
        return descending => SearchIndex.MatchesInIdOrder(db, indexTerms, descending).Where(id => checkedRows.Any(r => r.Id == id));
    }

    /// <summary>
    /// SQLite: a term with an @ ("marie.rossi16@acme.test") is looked up in the search index by the part before the @ and
    /// checked whole against the email and names (LIKE, case-insensitive as the index is; an accent in an email is not folded). The domain is shared by most candidates:
    /// its trigrams would have FTS5 read nearly every row of the index (docs/bench-results.md, session 6). PostgreSQL's
    /// trigram index is left the whole term.
    /// </summary>
    private static (IReadOnlyList<string> IndexTerms, IQueryable<Registration> Rows) ByLocalPart(DashboardDbContext db,
        IReadOnlyList<string> terms, IQueryable<Registration> rows)
    {
        if (db.Database.IsNpgsql())
        {
            return (terms, rows);
        }

        var indexTerms = new List<string>(terms.Count);
        foreach (var term in terms)
        {
            var at = term.IndexOf('@', StringComparison.Ordinal);
            if (at < 3)
            {
                indexTerms.Add(term);
                continue;
            }

            indexTerms.Add(term[..at]);
            var pattern = "%" + SearchIndex.EscapeLike(term) + "%";
            rows = rows.Where(r => EF.Functions.Like(r.Candidate!.Email, pattern, "\\")
                || EF.Functions.Like(r.Candidate.LastName, pattern, "\\") || EF.Functions.Like(r.Candidate.FirstName, pattern, "\\"));
        }

        return (indexTerms, rows);
    }

    private static List<int> SubjectsMatching(IReadOnlyList<(int Id, string Name)> subjects, string term) =>
        subjects.Where(s => s.Name.Contains(term, StringComparison.Ordinal)).Select(s => s.Id).ToList();
}

/// <summary>One part of a search split on its first term that names tests: one test's rows, or (null) the term's matches in the names.</summary>
internal readonly record struct SearchPart(int? SubjectId);
