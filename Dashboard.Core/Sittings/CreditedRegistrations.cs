using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sittings;

/// <summary>
/// Registering a candidate costs one credit of the account's pack for that test type (a free test costs nothing).
/// The one home of that rule: the demo world's history and the demo simulator's new registrations both use it,
/// and a cancellation gives the credit back to the pack named on the registration.
/// </summary>
public static class CreditedRegistrations
{
    /// <summary>The pack a registration made at <paramref name="at"/> draws on: of its test type, valid that day
    /// (purchased on or before, not expired — a pack is valid through its expiry day), the one expiring first.</summary>
    public static CreditPack? PackFor(IEnumerable<CreditPack> packs, TestType type, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return packs
            .Where(p => p.TestType == type && p.PurchasedOn <= day && day <= p.ExpiresOn)
            .OrderBy(p => p.ExpiresOn).ThenBy(p => p.Id)
            .FirstOrDefault();
    }

    /// <summary>
    /// Adds the registration and takes one credit from <see cref="PackFor"/> among the packs with credit left, in one
    /// transaction. Returns false, adding nothing, when no pack has a credit. The decrement is relative and guarded
    /// in SQL, so concurrent registrations never take a pack below zero.
    /// </summary>
    public static async Task<bool> RegisterAsync(DashboardDbContext db, Registration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(registration);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (registration.TestType != TestType.Free)
        {
            var withCredit = await db.CreditPacks.AsNoTracking()
                .Where(p => p.AccountId == registration.AccountId && p.TestType == registration.TestType && p.RemainingQuantity > 0)
                .ToListAsync(cancellationToken);
            if (PackFor(withCredit, registration.TestType, registration.RegisteredAt) is not { } pack)
            {
                return false;
            }

            var taken = await db.CreditPacks
                .Where(p => p.Id == pack.Id && p.RemainingQuantity > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.RemainingQuantity, p => p.RemainingQuantity - 1), cancellationToken);
            if (taken == 0)
            {
                return false;
            }

            registration.CreditPackId = pack.Id;
        }

        db.Registrations.Add(registration);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return true;
    }
}
