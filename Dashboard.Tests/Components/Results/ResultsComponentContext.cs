using Dashboard.Core.Domain;
using Dashboard.Core.Results;

namespace Dashboard.Tests.Components.Results;

/// <summary>Rows for the Results components' tests.</summary>
internal static class ResultsComponentContext
{
    public static ResultRow Row(int id = 1, RegistrationStatus status = RegistrationStatus.Completed, Action<ResultRowBuilder>? configure = null)
    {
        var builder = new ResultRowBuilder { Id = id, Status = status };
        configure?.Invoke(builder);
        return builder.Build();
    }
}

/// <summary>Mutable stand-in to build an immutable <see cref="ResultRow"/> in one line.</summary>
internal sealed class ResultRowBuilder
{
    public int Id { get; set; }
    public RegistrationStatus Status { get; set; }
    public TestType TestType { get; set; } = TestType.Evaluation;
    public ScoreScale Scale { get; set; } = ScoreScale.Points1000;
    public double? Score { get; set; }
    public ScoreLevel? Level { get; set; }
    public int? GraderId { get; set; }
    public string? GraderName { get; set; }
    public ProctoringProfile Profile { get; set; }
    public ProctoringStatus ProctoringStatus { get; set; }
    public int Incidents { get; set; }
    public bool CertificateValidated { get; set; }
    public string LastName { get; set; } = "Martin";
    public string FirstName { get; set; } = "Anne";
    public DateTimeOffset? StartedAt { get; set; }
    public int AnsweredCount { get; set; }

    public ResultRow Build() => new()
    {
        Id = Id, CandidateId = Id, GroupId = 1, GroupName = "Sales", LastName = LastName, FirstName = FirstName,
        Email = $"c{Id}@example.test", SubjectId = 1, SubjectName = "Excel", TestType = TestType, Scale = Scale, Status = Status,
        Score = Score, Level = Level, GraderId = GraderId, GraderName = GraderName, ProctoringProfile = Profile,
        ProctoringStatus = ProctoringStatus, IncidentCount = Incidents, CertificateValidated = CertificateValidated,
        RegisteredAt = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), StartedAt = StartedAt, AnsweredCount = AnsweredCount,
    };
}
