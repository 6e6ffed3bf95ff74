using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Documents.Pdf;
using Dashboard.Core.Domain;
using Dashboard.Core.Localization;
using Dashboard.Core.Results;
using Dashboard.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

public sealed partial class DocumentService
{
    /// <summary>What a group × subject × period selects: completed, scored sittings of the group and its sub-groups.</summary>
    private sealed record GroupSelection(string GroupName, bool HasSubGroups, Subject Subject, IReadOnlyList<SittingInfo> Sittings);

    public async Task<GeneratedFile> GroupReportAsync(GroupReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.GroupReports);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await CalendarAsync(db, cancellationToken);
        var text = TextFor(request.Language, calendar);
        var selection = await SelectAsync(db, request, calendar, cancellationToken);
        var ranking = Rank(selection.Sittings, text);
        var stats = GroupStatistics.Of(ranking.Select(r => r.Best.Score ?? 0).ToList());

        var responses = await ResponsesAsync(db, ranking.Select(r => r.Best.RegistrationId).ToList(), cancellationToken);
        var skillScores = ranking
            .SelectMany(r => ScoreCalculator.Compute(selection.Subject, responses[r.Best.RegistrationId]).Skills)
            .GroupBy(k => k.SkillId)
            .ToDictionary(g => g.Key, g => g.Average(k => k.Score));
        var skillAverages = selection.Subject.Skills.OrderBy(k => k.Order)
            .Where(k => skillScores.ContainsKey(k.Id))
            .Select(k => new SkillAverage(k.Name, skillScores[k.Id]))
            .ToList();

        var model = new GroupReportModel(selection.GroupName, selection.HasSubGroups, selection.Subject.Name, selection.Subject.Scale,
            request.From, request.To, stats, Distribution(selection.Subject.Scale, ranking, text), skillAverages, ranking, Now(calendar));
        return Pdf(FileName(text["File.GroupReport"], selection.GroupName, selection.Subject.Name, request.From.ToString("yyyy-MM-dd", text.Culture),
            request.To.ToString("yyyy-MM-dd", text.Culture)), GroupReportPdf.Render(model, text));
    }

    public async Task<GeneratedFile> GroupProgressionReportAsync(GroupReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.GroupReports);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await CalendarAsync(db, cancellationToken);
        var text = TextFor(request.Language, calendar);
        var selection = await SelectAsync(db, request, calendar, cancellationToken);
        var pairs = selection.Sittings
            .GroupBy(s => s.CandidateId)
            .Where(g => g.Count() >= 2)
            .Select(g =>
            {
                var ordered = g.OrderBy(s => s.CompletedAt).ThenBy(s => s.RegistrationId).ToList();
                return (Initial: ordered[0], Final: ordered[^1]);
            })
            .OrderBy(p => p.Final.LastName, StringComparer.Create(text.Culture, ignoreCase: true))
            .ThenBy(p => p.Final.FirstName, StringComparer.Create(text.Culture, ignoreCase: true))
            .ToList();

        var responses = await ResponsesAsync(db, pairs.SelectMany(p => new[] { p.Initial.RegistrationId, p.Final.RegistrationId }).ToList(), cancellationToken);
        var skills = selection.Subject.Skills.OrderBy(k => k.Order).ToList();
        var perSkill = skills.ToDictionary(k => k.Id, _ => (Initial: new List<double>(), Final: new List<double>()));
        var candidates = new List<CandidateProgression>(pairs.Count);
        foreach (var (initial, final) in pairs)
        {
            var before = ScoreCalculator.Compute(selection.Subject, responses[initial.RegistrationId]).Skills.ToDictionary(k => k.SkillId);
            var after = ScoreCalculator.Compute(selection.Subject, responses[final.RegistrationId]).Skills.ToDictionary(k => k.SkillId);
            var changes = new List<double?>(skills.Count);
            foreach (var skill in skills)
            {
                if (before.TryGetValue(skill.Id, out var b) && after.TryGetValue(skill.Id, out var a))
                {
                    perSkill[skill.Id].Initial.Add(b.Score);
                    perSkill[skill.Id].Final.Add(a.Score);
                    changes.Add(a.Score - b.Score);
                }
                else
                {
                    changes.Add(null);
                }
            }

            candidates.Add(new CandidateProgression(initial, final, (final.Score ?? 0) - (initial.Score ?? 0), changes));
        }

        var skillProgressions = skills.Where(k => perSkill[k.Id].Initial.Count > 0)
            .Select(k => new SkillProgression(k.Name, perSkill[k.Id].Initial.Average(), perSkill[k.Id].Final.Average()))
            .ToList();
        var model = new GroupProgressionModel(selection.GroupName, selection.Subject.Name, selection.Subject.Scale, request.From, request.To,
            skills.Select(k => k.Name).ToList(), candidates,
            candidates.Count > 0 ? candidates.Average(c => c.Initial.Score ?? 0) : 0,
            candidates.Count > 0 ? candidates.Average(c => c.Final.Score ?? 0) : 0,
            skillProgressions, Now(calendar));
        return Pdf(FileName(text["File.GroupProgression"], selection.GroupName, selection.Subject.Name), GroupProgressionPdf.Render(model, text));
    }

    /// <summary>The group report's selection (<see cref="GroupReportFilter"/>) through the grid's filter expression, in the account's time zone.</summary>
    private static async Task<GroupSelection> SelectAsync(DashboardDbContext db, GroupReportRequest request, AccountCalendar calendar, CancellationToken cancellationToken)
    {
        if (request.To < request.From)
        {
            throw new DomainRuleException(UserText.Get<DocumentsErrors>("PeriodOrder"));
        }

        var groupName = await db.Groups.AsNoTracking().Where(g => g.Id == request.GroupId).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(UserText.Get<DocumentsErrors>("GroupNotFound", request.GroupId));
        var hasSubGroups = await db.Groups.AsNoTracking().AnyAsync(g => g.ParentGroupId == request.GroupId, cancellationToken);
        var subject = await SubjectWithItemBankAsync(db, request.SubjectId, cancellationToken) ?? throw new NotFoundException(UserText.Get<DocumentsErrors>("SubjectNotFound", request.SubjectId));
        var filter = await GroupReportFilter.ForAsync(db, request.GroupId, request.SubjectId, request.From, request.To, cancellationToken);
        var sittings = await (await ResultsSelection.QueryAsync(db, filter, cancellationToken)).Select(ToSitting).ToListAsync(cancellationToken);
        return new GroupSelection(groupName, hasSubGroups, subject, sittings.Select(s => Local(s, calendar)).ToList());
    }

    /// <summary>Best score per candidate (earliest attempt on ties), ranked 1, 2, 2, 4…; ties listed by name.</summary>
    private static List<RankedCandidate> Rank(IReadOnlyList<SittingInfo> sittings, DocumentText text)
    {
        var names = StringComparer.Create(text.Culture, ignoreCase: true);
        var best = sittings
            .GroupBy(s => s.CandidateId)
            .Select(g => (Best: g.OrderByDescending(s => s.Score).ThenBy(s => s.CompletedAt).ThenBy(s => s.RegistrationId).First(), Attempts: g.Count()))
            .OrderByDescending(x => x.Best.Score)
            .ThenBy(x => x.Best.LastName, names)
            .ThenBy(x => x.Best.FirstName, names)
            .ThenBy(x => x.Best.CandidateId)
            .ToList();
        var ranking = new List<RankedCandidate>(best.Count);
        for (var i = 0; i < best.Count; i++)
        {
            var rank = i > 0 && best[i].Best.Score == best[i - 1].Best.Score ? ranking[i - 1].Rank : i + 1;
            ranking.Add(new RankedCandidate(rank, best[i].Best, best[i].Attempts));
        }

        return ranking;
    }

    private static List<(string Label, int Count, ScoreLevel? Level)> Distribution(ScoreScale scale, IReadOnlyList<RankedCandidate> ranking, DocumentText text)
    {
        if (scale == ScoreScale.Points1000)
        {
            (ScoreLevel Level, string Range)[] levels =
                [(ScoreLevel.Initial, "1–350"), (ScoreLevel.Basic, "351–550"), (ScoreLevel.Operational, "551–725"), (ScoreLevel.Advanced, "726–875"), (ScoreLevel.Expert, "876–1000")];
            return levels.Select(l => ($"{text.Level(l.Level)} ({l.Range})", ranking.Count(r => ScoreCalculator.LevelFor(r.Best.Score ?? 0) == l.Level), (ScoreLevel?)l.Level)).ToList();
        }

        return Enumerable.Range(0, 10)
            .Select(i => ($"{i * 10}–{(i + 1) * 10}", ranking.Count(r => Math.Min(9, (int)((r.Best.Score ?? 0) / 10)) == i), (ScoreLevel?)null))
            .ToList();
    }
}
