using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using static Dashboard.Tests.Components.Results.ResultsComponentContext;

namespace Dashboard.Tests.Components.Results;

public sealed class RowActionPolicyTests
{
    private const int Me = 7;
    private const int Someone = 8;

    public static TheoryData<RegistrationStatus, TestType, bool, int?, Privileges, int?, RowActions> Cases => new()
    {
        // status, type, certificate validated, assigned grader, privileges, acting administrator → actions
        { RegistrationStatus.Completed, TestType.Evaluation, false, null, Privileges.Viewer, Me, RowActions.Analysis },
        // A diploma is offered only to whom the download serves it (ManageCertificates): a viewer sees the analysis alone.
        { RegistrationStatus.Completed, TestType.Certification, true, null, Privileges.Viewer, Me, RowActions.Analysis },
        { RegistrationStatus.Completed, TestType.Certification, true, null, Privileges.Viewer | Privileges.ManageCertificates, Me, RowActions.Analysis | RowActions.DownloadCertificate },
        { RegistrationStatus.Completed, TestType.Certification, true, null, Privileges.Owner, Me, RowActions.Analysis | RowActions.DownloadCertificate },
        { RegistrationStatus.Completed, TestType.Certification, false, null, Privileges.Owner, Me, RowActions.Analysis },
        // A validated flag on a non-certification never offers a diploma.
        { RegistrationStatus.Completed, TestType.Evaluation, true, null, Privileges.Owner, Me, RowActions.Analysis },
        { RegistrationStatus.PendingGrading, TestType.Evaluation, false, Me, Privileges.Grader, Me, RowActions.Grade },
        { RegistrationStatus.PendingGrading, TestType.Evaluation, false, Someone, Privileges.Grader, Me, RowActions.None },
        { RegistrationStatus.PendingGrading, TestType.Evaluation, false, null, Privileges.Grader, Me, RowActions.None },
        { RegistrationStatus.PendingGrading, TestType.Evaluation, false, Me, Privileges.Viewer, Me, RowActions.None },
        { RegistrationStatus.PendingGrading, TestType.Evaluation, false, null, Privileges.Viewer | Privileges.AssignGraders, Me, RowActions.AssignGrader },
        { RegistrationStatus.PendingGrading, TestType.Evaluation, false, Me, Privileges.Owner, Me, RowActions.Grade | RowActions.AssignGrader },
        { RegistrationStatus.PendingGrading, TestType.Evaluation, false, Someone, Privileges.Owner, Me, RowActions.AssignGrader },
        // The system actor (no administrator) grades nothing, even with every privilege.
        { RegistrationStatus.PendingGrading, TestType.Evaluation, false, null, Privileges.Owner, null, RowActions.AssignGrader },
        { RegistrationStatus.ToBeTaken, TestType.Evaluation, false, null, Privileges.Viewer, Me, RowActions.None },
        { RegistrationStatus.ToBeTaken, TestType.Certification, false, null, Privileges.Viewer | Privileges.CancelRegistrations, Me, RowActions.Cancel },
        { RegistrationStatus.ToBeTaken, TestType.Evaluation, false, null, Privileges.Owner, Me, RowActions.Cancel },
        { RegistrationStatus.InProgress, TestType.Evaluation, false, null, Privileges.Owner, Me, RowActions.None },
        { RegistrationStatus.Cancelled, TestType.Evaluation, false, null, Privileges.Owner, Me, RowActions.None },
        // Without the right to view results there is nothing to do on a row.
        { RegistrationStatus.Completed, TestType.Certification, true, null, Privileges.Export, Me, RowActions.None },
        { RegistrationStatus.PendingGrading, TestType.Evaluation, false, Me, Privileges.Grade | Privileges.AssignGraders, Me, RowActions.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ActionsFollowStatusAndPrivileges(RegistrationStatus status, TestType type, bool validated, int? graderId,
        Privileges privileges, int? administratorId, RowActions expected)
    {
        var row = Row(status: status, configure: r => { r.TestType = type; r.CertificateValidated = validated; r.GraderId = graderId; });

        Assert.Equal(expected, RowActionPolicy.For(row, privileges, administratorId));
    }

    [Fact]
    public void EveryStatusIsCoveredForTheOwner()
    {
        var offered = Enum.GetValues<RegistrationStatus>()
            .ToDictionary(s => s, s => RowActionPolicy.For(Row(status: s, configure: r => r.GraderId = Me), Privileges.Owner, Me));

        Assert.Equal(RowActions.Analysis, offered[RegistrationStatus.Completed]);
        Assert.Equal(RowActions.Grade | RowActions.AssignGrader, offered[RegistrationStatus.PendingGrading]);
        Assert.Equal(RowActions.Cancel, offered[RegistrationStatus.ToBeTaken]);
        Assert.Equal(RowActions.None, offered[RegistrationStatus.InProgress]);
        Assert.Equal(RowActions.None, offered[RegistrationStatus.Cancelled]);
    }
}
