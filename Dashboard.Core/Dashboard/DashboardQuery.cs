// Over 250 lines: the Dashboard's panels read one filtered selection of sittings within one period's calendar bounds; each panel is a short method over it.
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.DashboardMetrics;

/// <summary>
/// The Dashboard sub-page: filter options, the aggregates of one selection (computed by the database with
/// GROUP BY, never by loading the registrations), the account's credit packs and the remembered selection.
/// </summary>
public sealed class DashboardQuery(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, AccountCalendars calendars, TimeProvider time)
{
    public const int TopCount = 10;

    /// <summary>The account's today: the default period ends on it.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken) => (await calendars.CurrentAsync(cancellationToken)).Today(time);

    public async Task<DashboardFilterOptions> GetFilterOptionsAsync(CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await db.Groups.AsNoTracking()
            .Where(g => !g.IsArchived)
            .OrderBy(g => g.Name)
            .Select(g => new DashboardGroupOption(g.Id, g.Name, g.ParentGroupId))
            .ToListAsync(cancellationToken);
        var sessions = await db.TestSessions.AsNoTracking()
            .OrderByDescending(s => s.StartsOn).ThenBy(s => s.Id)
            .Select(s => new DashboardSessionOption(s.Id, s.Name, s.StartsOn))
            .ToListAsync(cancellationToken);
        return new DashboardFilterOptions(groups, sessions);
    }

    /// <summary>The tests actually taken (started at least) by the selection's population, whatever the period.</summary>
    public async Task<IReadOnlyList<DashboardTestOption>> GetTestsAsync(DashboardSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var population = await SelectAsync(db, await PopulationAsync(db, selection, cancellationToken), cancellationToken);
        var counts = await population
            .Where(r => r.Status == RegistrationStatus.InProgress || r.Status == RegistrationStatus.Completed
                || r.Status == RegistrationStatus.PendingGrading)
            .GroupBy(r => r.SubjectId)
            .Select(g => new { SubjectId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.SubjectId).ToList();
        var names = await db.Subjects.AsNoTracking().Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return counts
            .Select(c => new DashboardTestOption(c.SubjectId, names[c.SubjectId], c.Count))
            .OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>The dashboard of one selection; empty (<see cref="DashboardReport.IsEmpty"/>) when nothing is completed in it.</summary>
    public async Task<DashboardReport> GetReportAsync(DashboardSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subject = selection.SubjectId is { } subjectId
            ? await db.Subjects.AsNoTracking().Where(s => s.Id == subjectId)
                .Select(s => new { s.Name, s.Scale }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (subject is null)
        {
            return Empty(selection, null, ScoreScale.Points1000);
        }

        var calendar = await calendars.CurrentAsync(cancellationToken);
        var (from, to) = calendar.Period(selection.From, selection.To);
        var population = await PopulationAsync(db, selection, cancellationToken);
        var ofTest = await SelectAsync(db, population is null ? null : population with { SubjectId = selection.SubjectId }, cancellationToken);
        var completed = await SelectAsync(db, CompletedOfTest(population, selection, calendar), cancellationToken);

        var buckets = await ScoreBucketsAsync(completed, subject.Scale, cancellationToken);
        var statuses = await StatusBreakdownAsync(ofTest, from, to, cancellationToken);
        var count = buckets.Sum(b => b.Count);
        if (count == 0)
        {
            return Empty(selection, subject.Name, subject.Scale) with { StatusBreakdown = statuses };
        }

        var timed = buckets.Sum(b => b.TimedCount);
        TimeSpan? averageDuration = timed > 0 ? TimeSpan.FromSeconds(Math.Round((double)buckets.Sum(b => b.DurationSum) / timed)) : null;
        return new DashboardReport(
            selection, subject.Name, subject.Scale, count, averageDuration, statuses,
            ScoreDistribution(buckets, subject.Scale),
            await TopTenAsync(completed, calendar, cancellationToken));
    }

    /// <summary>
    /// The success-rate table with its item analysis, for the completed attempts of the selection. Separate from
    /// <see cref="GetReportAsync"/> because it aggregates every answer (≈ 20 per attempt): the page shows the
    /// metrics first and fills this table in right after.
    /// </summary>
    public async Task<IReadOnlyList<QuestionStatistics>> GetQuestionStatisticsAsync(DashboardSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        scope.Demand(Privileges.ViewResults);
        if (selection.SubjectId is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await calendars.CurrentAsync(cancellationToken);
        var completed = await SelectAsync(db, CompletedOfTest(await PopulationAsync(db, selection, cancellationToken), selection, calendar), cancellationToken);
        return await QuestionStatisticsAsync(db, completed, cancellationToken);
    }

    public async Task<IReadOnlyList<CreditPackRow>> GetCreditPacksAsync(CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ViewResults);
        var today = await TodayAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var packs = await db.CreditPacks.AsNoTracking()
            .OrderByDescending(p => p.ExpiresOn).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        return packs.Select(p => new CreditPackRow(p.Id, p.TestType, p.ExpiresOn, p.InitialQuantity, p.RemainingQuantity, p.ExpiresOn < today))
            .ToList();
    }

    /// <summary>The administrator's last applied selection; null when none or when nobody is signed in.</summary>
    public async Task<DashboardSelection?> GetSavedSelectionAsync(CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ViewResults);
        if (scope.AdministratorId is not { } adminId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.Set<DashboardPreference>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.AdministratorId == adminId, cancellationToken);
        return saved is null
            ? null
            : new DashboardSelection
            {
                BySession = saved.BySession, GroupId = saved.GroupId, SubGroupId = saved.SubGroupId, SessionId = saved.SessionId,
                SubjectId = saved.SubjectId, From = saved.From, To = saved.To,
            };
    }

    /// <summary>Remembers the selection for the acting administrator (nothing to remember for system actors).</summary>
    public async Task SaveSelectionAsync(DashboardSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        scope.Demand(Privileges.ViewResults);
        if (scope.AdministratorId is not { } adminId)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.Set<DashboardPreference>().FirstOrDefaultAsync(p => p.AdministratorId == adminId, cancellationToken);
        if (saved is null)
        {
            saved = new DashboardPreference { AccountId = scope.RequireAccountId(), AdministratorId = adminId };
            db.Add(saved);
        }

        saved.BySession = selection.BySession;
        saved.GroupId = selection.GroupId;
        saved.SubGroupId = selection.SubGroupId;
        saved.SessionId = selection.SessionId;
        saved.SubjectId = selection.SubjectId;
        saved.From = selection.From;
        saved.To = selection.To;
        saved.SavedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The selected group (with its sub-groups, by the grid's archiving rule) or session, as the grid's filter; null
    /// when by session with none chosen yet (nobody, not the registrations without a session).
    /// </summary>
    private static async Task<ResultsFilter?> PopulationAsync(DashboardDbContext db, DashboardSelection selection, CancellationToken cancellationToken)
    {
        if (selection.BySession)
        {
            return selection.SessionId is { } sessionId ? new ResultsFilter { SessionId = sessionId } : null;
        }

        return (selection.SubGroupId ?? selection.GroupId) is { } groupId
            ? GroupReportFilter.OfGroup(await GroupTree.LoadAsync(db, cancellationToken), groupId)
            : ResultsFilter.Default;
    }

    /// <summary>The completed sittings of the selected test in the period: what a group report over the same dates selects.</summary>
    private static ResultsFilter? CompletedOfTest(ResultsFilter? population, DashboardSelection selection, AccountCalendar calendar) =>
        population is null ? null : GroupReportFilter.Completed(population with { SubjectId = selection.SubjectId }, calendar, selection.From, selection.To);

    private static async Task<IQueryable<Registration>> SelectAsync(DashboardDbContext db, ResultsFilter? filter, CancellationToken cancellationToken) =>
        filter is null ? db.Registrations.AsNoTracking().Where(r => false) : await ResultsSelection.QueryAsync(db, filter, cancellationToken);

    /// <summary>
    /// Every registration of the test: submitted ones (completed, pending grading) when submitted in the period,
    /// outstanding ones (to be taken, in progress) when registered before its end.
    /// </summary>
    private static async Task<IReadOnlyList<StatusCount>> StatusBreakdownAsync(IQueryable<Registration> ofTest,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var counts = await ofTest
            .Where(r => (r.CompletedAt != null && r.CompletedAt >= from && r.CompletedAt < to)
                || (r.CompletedAt == null && r.RegisteredAt < to))
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        RegistrationStatus[] shown = [RegistrationStatus.ToBeTaken, RegistrationStatus.InProgress, RegistrationStatus.Completed, RegistrationStatus.PendingGrading];
        return shown.Select(s => new StatusCount(s, counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0)).ToList();
    }

    /// <summary>Completed attempts per score bucket with their durations: one GROUP BY gives the count, the average time and the distribution.</summary>
    private sealed record ScoreBucket(int? Key, int Count, long DurationSum, int TimedCount);

    /// <summary>Buckets are levels on the 1–1000 scale, 10-point bands (0–9) for percentages.</summary>
    private static async Task<List<ScoreBucket>> ScoreBucketsAsync(IQueryable<Registration> completed, ScoreScale scale, CancellationToken cancellationToken)
    {
        var grouped = scale == ScoreScale.Points1000
            ? completed.GroupBy(r => r.Level == null ? (int?)null : (int)r.Level.Value)
            // Floor, not an (int) cast: PostgreSQL rounds a cast (9.9 % would fall in 10–19) where SQLite truncates.
            : completed.GroupBy(r => r.Score == null ? (int?)null : (int)Math.Floor(r.Score.Value / 10));
        return await grouped
            .Select(g => new ScoreBucket(g.Key, g.Count(), g.Sum(r => (long?)r.DurationSeconds) ?? 0, g.Count(r => r.DurationSeconds != null)))
            .ToListAsync(cancellationToken);
    }

    private static List<ScoreBand> ScoreDistribution(List<ScoreBucket> buckets, ScoreScale scale)
    {
        if (scale == ScoreScale.Points1000)
        {
            return ScoreLevels.All
                .Select(l => new ScoreBand(l.Name, l.From, l.To, l.Level, buckets.Where(b => b.Key == (int)l.Level).Sum(b => b.Count)))
                .ToList();
        }

        // 100 % belongs to the last band (90–100).
        return Enumerable.Range(0, 10)
            .Select(band => new ScoreBand(band == 9 ? "90–100" : $"{band * 10}–{(band * 10) + 9}", band * 10, band == 9 ? 100 : (band * 10) + 9.99, null,
                buckets.Where(b => b.Key is { } k && Math.Clamp(k, 0, 9) == band).Sum(b => b.Count)))
            .ToList();
    }

    /// <summary>
    /// Item statistics from one GROUP BY (question, points awarded) over the answers of the completed attempts:
    /// a question's maximum is constant, so the sums of the item score x = points / max, of x², of the total
    /// score y, y² and xy, and the count of full-points answers all follow exactly from these few groups —
    /// without joining the item bank row by row.
    /// </summary>
    private static async Task<IReadOnlyList<QuestionStatistics>> QuestionStatisticsAsync(DashboardDbContext db,
        IQueryable<Registration> completed, CancellationToken cancellationToken)
    {
        var groups = await (
                from response in db.Responses
                join registration in completed on response.RegistrationId equals registration.Id
                where response.Points != null
                group registration.Score ?? 0 by new { response.QuestionId, Points = response.Points!.Value } into g
                select new { g.Key.QuestionId, g.Key.Points, Count = g.Count(), SumY = g.Sum(), SumY2 = g.Sum(y => y * y) })
            .ToListAsync(cancellationToken);

        var ids = groups.Select(g => g.QuestionId).Distinct().ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id))
            .Select(q => new { q.Id, q.Order, q.Text, q.MaxPoints, Skill = q.Skill!.Name })
            .ToDictionaryAsync(q => q.Id, cancellationToken);
        return groups
            .Where(g => questions[g.QuestionId].MaxPoints > 0)
            .GroupBy(g => g.QuestionId)
            .Select(byQuestion =>
            {
                var q = questions[byQuestion.Key];
                int n = 0, correct = 0;
                double sx = 0, sx2 = 0, sy = 0, sy2 = 0, sxy = 0;
                foreach (var g in byQuestion)
                {
                    var x = g.Points / q.MaxPoints;
                    n += g.Count;
                    correct += g.Points >= q.MaxPoints - 1e-9 ? g.Count : 0;
                    sx += x * g.Count;
                    sx2 += x * x * g.Count;
                    sy += g.SumY;
                    sy2 += g.SumY2;
                    sxy += x * g.SumY;
                }

                return new QuestionStatistics(q.Id, q.Order, q.Text, q.Skill, n, correct,
                    ItemStatistics.PointBiserial(new ItemSums(n, sx, sx2, sy, sy2, sxy)));
            })
            .OrderBy(q => q.Order).ThenBy(q => q.QuestionId)
            .ToList();
    }

    /// <summary>
    /// The ten best candidates, each once with their best score: the database ranks candidates by their best
    /// score (GROUP BY candidate), then only those ten candidates' attempts are read to date the best one.
    /// Equal scores share a rank (1, 2, 2, 4).
    /// </summary>
    private static async Task<IReadOnlyList<TopCandidate>> TopTenAsync(IQueryable<Registration> completed, AccountCalendar calendar,
        CancellationToken cancellationToken)
    {
        var best = await completed.Where(r => r.Score != null)
            .GroupBy(r => r.CandidateId)
            .Select(g => new { CandidateId = g.Key, Best = g.Max(r => r.Score!.Value) })
            .OrderByDescending(x => x.Best).ThenBy(x => x.CandidateId)
            .Take(TopCount)
            .ToListAsync(cancellationToken);
        var ids = best.Select(b => b.CandidateId).ToList();
        var attempts = await completed.Where(r => r.Score != null && ids.Contains(r.CandidateId))
            .Select(r => new { r.Id, r.CandidateId, Score = r.Score!.Value, CompletedAt = r.CompletedAt!.Value, r.Candidate!.FirstName, r.Candidate.LastName })
            .ToListAsync(cancellationToken);

        var rows = best
            .Select(b => attempts.Where(a => a.CandidateId == b.CandidateId && a.Score >= b.Best)
                .OrderBy(a => a.CompletedAt).ThenBy(a => a.Id).First())
            .OrderByDescending(a => a.Score).ThenBy(a => a.LastName, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.CandidateId)
            .ToList();
        var result = new List<TopCandidate>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var rank = i > 0 && rows[i].Score == rows[i - 1].Score ? result[i - 1].Rank : i + 1;
            var a = rows[i];
            result.Add(new TopCandidate(rank, a.CandidateId, a.Id, a.FirstName, a.LastName, calendar.ToLocal(a.CompletedAt), a.Score));
        }

        return result;
    }

    private static DashboardReport Empty(DashboardSelection selection, string? subjectName, ScoreScale scale) =>
        new(selection, subjectName, scale, 0, null, [], [], []);
}
