using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

/// <summary>Cancels a registration not yet taken and gives its credit back to the pack it came from.</summary>
public sealed class RegistrationCancellation(
    IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, AuditLog audit, IAccountFeed<ResultsChange> feed, TimeProvider time)
{
    public static bool CanCancel(RegistrationStatus status) => status == RegistrationStatus.ToBeTaken;

    public async Task CancelAsync(int registrationId, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.CancelRegistrations);
        var accountId = scope.RequireAccountId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // On SQLite this takes the write lock (BEGIN IMMEDIATE): a concurrent cancel waits and then reads "Cancelled".
        // Elsewhere the registration's concurrency token refuses the second writer. Either way one refund.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken)
            ?? throw new NotFoundException(UserText.Get<AccountsErrors>("RegistrationNotFound", registrationId));
        EnsureCancellable(registration.Status);

        var pack = registration.CreditPackId is { } packId
            ? await db.CreditPacks.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packId, cancellationToken)
            : null;
        registration.Status = RegistrationStatus.Cancelled;
        audit.Record(db, AuditLog.Actions.Cancel, registration.Id,
            before: new { Status = nameof(RegistrationStatus.ToBeTaken), CreditsRemaining = pack?.RemainingQuantity },
            after: new { Status = nameof(RegistrationStatus.Cancelled), CreditsRemaining = pack?.RemainingQuantity + 1 },
            detail: pack is null ? "No credit pack to refund" : $"One {pack.TestType} credit refunded to pack {pack.Id}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainRuleException(UserText.Get<AccountsErrors>("CancelChangedMeanwhile"));
        }

        if (pack is not null)
        {
            // Relative update in SQL: two cancellations refunding the same pack never overwrite each other.
            await db.CreditPacks.Where(p => p.Id == pack.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.RemainingQuantity, p => p.RemainingQuantity + 1), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new ResultsChange(accountId, registration.Id, "cancelled", time.GetUtcNow()));
    }

    private static void EnsureCancellable(RegistrationStatus status)
    {
        var reason = status switch
        {
            RegistrationStatus.ToBeTaken => null,
            RegistrationStatus.Cancelled => UserText.Get<AccountsErrors>("CancelAlreadyCancelled"),
            RegistrationStatus.InProgress => UserText.Get<AccountsErrors>("CancelAlreadyStarted"),
            _ => UserText.Get<AccountsErrors>("CancelAlreadyTaken"),
        };
        if (reason is not null)
        {
            throw new DomainRuleException(reason);
        }
    }
}
