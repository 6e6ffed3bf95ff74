using Dashboard.Core.Domain;

// Not "Dashboard.Core.Dashboard": a namespace named Dashboard inside Dashboard.* would shadow the root
// namespace for every fully qualified "Dashboard.Core.…" reference in sibling namespaces.
namespace Dashboard.Core.DashboardMetrics;

/// <summary>
/// What the dashboard looks at: one group (optionally one of its sub-groups; no group means every group)
/// or one session, one test (subject), and a period on the completion date (inclusive days, UTC).
/// </summary>
public sealed record DashboardSelection
{
    public bool BySession { get; init; }
    public int? GroupId { get; init; }
    public int? SubGroupId { get; init; }
    public int? SessionId { get; init; }
    public int? SubjectId { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }

    /// <summary>Every group, no test yet, the last twelve months up to today.</summary>
    public static DashboardSelection Default(DateOnly today) => new() { From = today.AddMonths(-12), To = today };
}

public sealed record DashboardGroupOption(int Id, string Name, int? ParentGroupId);

public sealed record DashboardSessionOption(int Id, string Name, DateOnly StartsOn);

/// <summary>A test taken by the selected population, with how many registrations it has there.</summary>
public sealed record DashboardTestOption(int SubjectId, string Name, int Registrations);

public sealed record DashboardFilterOptions(IReadOnlyList<DashboardGroupOption> Groups, IReadOnlyList<DashboardSessionOption> Sessions)
{
    public IReadOnlyList<DashboardGroupOption> TopLevelGroups => Groups.Where(g => g.ParentGroupId is null).ToList();

    public IReadOnlyList<DashboardGroupOption> SubGroupsOf(int? groupId) =>
        groupId is null ? [] : Groups.Where(g => g.ParentGroupId == groupId).ToList();
}

public sealed record StatusCount(RegistrationStatus Status, int Count);

/// <summary>A bar of the score distribution: a level of the 1–1000 scale, or a 10-point band of a percentage.</summary>
public sealed record ScoreBand(string Label, double From, double To, ScoreLevel? Level, int Count);

/// <summary>
/// One question's line of the success-rate table with its item analysis: the success rate is the share of
/// answers with full points (the classical difficulty index p); discrimination is the point-biserial
/// correlation of the item score with the total score.
/// </summary>
public sealed record QuestionStatistics(int QuestionId, int Order, string Text, string SkillName, int Answered, int Correct, double? Discrimination)
{
    public double SuccessRate => Answered > 0 ? (double)Correct / Answered : 0;

    /// <summary>Fewer answers than this and a correlation says nothing worth flagging.</summary>
    public const int MinimumAnswersToFlag = 5;

    /// <summary>Strong candidates miss it more than weak ones: a wrong key or an ambiguous question.</summary>
    public bool HasNegativeDiscrimination => Discrimination < 0 && Answered >= MinimumAnswersToFlag;
}

public sealed record TopCandidate(int Rank, int CandidateId, int RegistrationId, string FirstName, string LastName, DateTimeOffset CompletedAt, double Score);

public sealed record CreditPackRow(int Id, TestType TestType, DateOnly ExpiresOn, int InitialQuantity, int RemainingQuantity, bool IsExpired);

public sealed record DashboardReport(
    DashboardSelection Selection,
    string? SubjectName,
    ScoreScale Scale,
    int CompletedCount,
    TimeSpan? AverageDuration,
    IReadOnlyList<StatusCount> StatusBreakdown,
    IReadOnlyList<ScoreBand> ScoreDistribution,
    IReadOnlyList<TopCandidate> TopTen)
{
    /// <summary>Only completed tests feed the metrics: with none, the page shows its empty state.</summary>
    public bool IsEmpty => CompletedCount == 0;
}
