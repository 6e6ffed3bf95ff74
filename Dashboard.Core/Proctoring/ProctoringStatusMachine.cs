using System.Globalization;
using Dashboard.Core.Domain;
using Dashboard.Core.Localization;

namespace Dashboard.Core.Proctoring;

/// <summary>What a reviewer or a candidate does to a proctored sitting.</summary>
public enum ReviewAction
{
    RequestExplanation = 0,
    SubmitExplanation = 1,
    AcceptExplanation = 2,
    Validate = 3,
    Invalidate = 4,
}

/// <summary>
/// The review statuses and the only moves between them. Pending review is where a sitting with incidents starts;
/// Invalid is final (the certificate is revoked, and re-validating it would silently re-issue it).
/// </summary>
public static class ProctoringStatusMachine
{
    private static readonly ProctoringStatus[] Open =
        [ProctoringStatus.PendingReview, ProctoringStatus.AwaitingDetails, ProctoringStatus.DetailUnderReview, ProctoringStatus.ExplanationValidated];

    private static readonly Dictionary<ReviewAction, (ProctoringStatus[] From, ProctoringStatus To)> Moves = new()
    {
        [ReviewAction.RequestExplanation] = ([ProctoringStatus.PendingReview, ProctoringStatus.AwaitingDetails, ProctoringStatus.DetailUnderReview],
            ProctoringStatus.AwaitingDetails),
        [ReviewAction.SubmitExplanation] = ([ProctoringStatus.AwaitingDetails], ProctoringStatus.DetailUnderReview),
        [ReviewAction.AcceptExplanation] = ([ProctoringStatus.DetailUnderReview], ProctoringStatus.ExplanationValidated),
        [ReviewAction.Validate] = (Open, ProctoringStatus.Validated),
        [ReviewAction.Invalidate] = ([.. Open, ProctoringStatus.Validated], ProctoringStatus.Invalid),
    };

    /// <summary>The status after <paramref name="action"/>, or null when the move is refused.</summary>
    public static ProctoringStatus? Next(ProctoringStatus from, ReviewAction action) =>
        Moves.TryGetValue(action, out var move) && Array.IndexOf(move.From, from) >= 0 ? move.To : null;

    public static bool Allows(ProctoringStatus from, ReviewAction action) => Next(from, action) is not null;

    /// <summary>The status after the action; a refused move throws with a message for the user.</summary>
    public static ProctoringStatus Apply(ProctoringStatus from, ReviewAction action) =>
        Next(from, action) ?? throw new Accounts.DomainRuleException(RefusalMessage(from, action));

    /// <summary>"A sitting that is invalid cannot be validated.", in the reader's language (the current UI culture).</summary>
    public static string RefusalMessage(ProctoringStatus from, ReviewAction action) =>
        UserText.Get<ProctoringErrors>("Refusal." + action, StatusWords(from));

    /// <summary>"pending review" / "à examiner": a status inside a sentence of the reader's language.</summary>
    public static string StatusWords(ProctoringStatus status) =>
        ProctoringText.Status(status, CultureInfo.CurrentUICulture.Name).ToLower(CultureInfo.CurrentUICulture);
}
