using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Proctoring;

namespace Dashboard.Tests.Core.Proctoring;

public sealed class ProctoringStatusMachineTests
{
    private const ProctoringStatus Refused = (ProctoringStatus)(-1);

    // Every status × every action, with the status it leads to (Refused: the move is not allowed).
    public static TheoryData<ProctoringStatus, ReviewAction, ProctoringStatus> EveryMove()
    {
        var expected = new Dictionary<(ProctoringStatus, ReviewAction), ProctoringStatus>
        {
            [(ProctoringStatus.PendingReview, ReviewAction.RequestExplanation)] = ProctoringStatus.AwaitingDetails,
            [(ProctoringStatus.AwaitingDetails, ReviewAction.RequestExplanation)] = ProctoringStatus.AwaitingDetails,
            [(ProctoringStatus.DetailUnderReview, ReviewAction.RequestExplanation)] = ProctoringStatus.AwaitingDetails,
            [(ProctoringStatus.AwaitingDetails, ReviewAction.SubmitExplanation)] = ProctoringStatus.DetailUnderReview,
            [(ProctoringStatus.DetailUnderReview, ReviewAction.AcceptExplanation)] = ProctoringStatus.ExplanationValidated,
            [(ProctoringStatus.PendingReview, ReviewAction.Validate)] = ProctoringStatus.Validated,
            [(ProctoringStatus.AwaitingDetails, ReviewAction.Validate)] = ProctoringStatus.Validated,
            [(ProctoringStatus.DetailUnderReview, ReviewAction.Validate)] = ProctoringStatus.Validated,
            [(ProctoringStatus.ExplanationValidated, ReviewAction.Validate)] = ProctoringStatus.Validated,
            [(ProctoringStatus.PendingReview, ReviewAction.Invalidate)] = ProctoringStatus.Invalid,
            [(ProctoringStatus.AwaitingDetails, ReviewAction.Invalidate)] = ProctoringStatus.Invalid,
            [(ProctoringStatus.DetailUnderReview, ReviewAction.Invalidate)] = ProctoringStatus.Invalid,
            [(ProctoringStatus.ExplanationValidated, ReviewAction.Invalidate)] = ProctoringStatus.Invalid,
            [(ProctoringStatus.Validated, ReviewAction.Invalidate)] = ProctoringStatus.Invalid,
        };
        var data = new TheoryData<ProctoringStatus, ReviewAction, ProctoringStatus>();
        foreach (var status in Enum.GetValues<ProctoringStatus>())
        {
            foreach (var action in Enum.GetValues<ReviewAction>())
            {
                data.Add(status, action, expected.GetValueOrDefault((status, action), Refused));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void EachMoveIsAllowedOrRefusedAsTheTableSays(ProctoringStatus from, ReviewAction action, ProctoringStatus expected)
    {
        if (expected == Refused)
        {
            Assert.Null(ProctoringStatusMachine.Next(from, action));
            var refusal = Assert.Throws<DomainRuleException>(() => ProctoringStatusMachine.Apply(from, action));
            Assert.Contains(ProctoringText.Status(from).ToLowerInvariant(), refusal.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected, ProctoringStatusMachine.Apply(from, action));
        }
    }

    [Theory]
    [InlineData(TestType.Certification, IncidentKind.ExitFullScreen, 61, true)]
    [InlineData(TestType.Certification, IncidentKind.ExitFullScreen, 60, false)]
    [InlineData(TestType.Certification, IncidentKind.SecondPerson, null, true)]
    [InlineData(TestType.Evaluation, IncidentKind.SecondPerson, null, false)]
    [InlineData(TestType.Evaluation, IncidentKind.ExitFullScreen, 300, false)]
    public void GuidanceMarksLongFullScreenExitsAndSecondPersonsInCertificationsAsSerious(TestType type, IncidentKind kind, int? seconds, bool serious) =>
        Assert.Equal(serious, ProctoringRules.IsSerious(type, kind, seconds, flaggedSerious: false));
}
