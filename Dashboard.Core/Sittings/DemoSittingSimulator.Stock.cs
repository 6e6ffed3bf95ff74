using System.Globalization;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sittings;

/// <summary>The demo account's stock: credits bought when they run low, new candidates registered up to the floor.</summary>
public sealed partial class DemoSittingSimulator
{
    /// <summary>Buys a pack for a test type whose valid credits run low, then registers new candidates up to the floor.</summary>
    private async Task KeepWorldAliveAsync(DashboardDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var type in RegisteredTypes)
        {
            var left = await db.CreditPacks
                .Where(p => p.AccountId == accountId && p.TestType == type && p.PurchasedOn <= today && p.ExpiresOn >= today)
                .SumAsync(p => p.RemainingQuantity, cancellationToken);
            if (left < _options.LowCreditThreshold)
            {
                db.CreditPacks.Add(new CreditPack
                {
                    AccountId = accountId, TestType = type, InitialQuantity = _options.PackSize, RemainingQuantity = _options.PackSize,
                    PurchasedOn = today, ExpiresOn = today.AddYears(1),
                });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        var toBeTaken = await db.Registrations.CountAsync(r => r.AccountId == accountId && r.Status == RegistrationStatus.ToBeTaken, cancellationToken);
        for (var i = 0; i < Math.Min(MaxRegistrationsPerStep, _options.ToBeTakenFloor - toBeTaken); i++)
        {
            if (await RegisterNewCandidateAsync(db, accountId, cancellationToken) is null)
            {
                return;
            }
        }
    }

    /// <summary>A new candidate in one of the account's groups, registered for a subject with one credit (null when that is impossible).</summary>
    private async Task<Registration?> RegisterNewCandidateAsync(DashboardDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var groupIds = await db.Groups.Where(g => g.AccountId == accountId && !g.IsArchived).Select(g => g.Id).ToListAsync(cancellationToken);
        var subjectIds = await db.Subjects.Where(s => s.Questions.Count > 0).Select(s => s.Id).ToListAsync(cancellationToken);
        if (groupIds.Count == 0 || subjectIds.Count == 0)
        {
            return null;
        }

        var language = _random.NextDouble() < 0.6 ? "fr" : "en";
        var (first, last) = Data.DemoData.DemoNames.Person(_random, language);
        var candidate = new Candidate
        {
            AccountId = accountId, GroupId = groupIds[_random.Next(groupIds.Count)], FirstName = first, LastName = last, PreferredLanguage = language,
            Email = string.Create(CultureInfo.InvariantCulture, $"{Data.DemoData.DemoNames.EmailLocalPart(first, last)}.{_random.Next(100_000)}@example.test").ToLowerInvariant(),
        };
        var registration = new Registration
        {
            AccountId = accountId,
            Candidate = candidate,
            GroupId = candidate.GroupId,
            SubjectId = subjectIds[_random.Next(subjectIds.Count)],
            TestType = _random.NextDouble() < CertificationRate ? TestType.Certification : TestType.Evaluation,
            Status = RegistrationStatus.ToBeTaken,
            RegisteredAt = time.GetUtcNow(),
            ProctoringProfile = _random.NextDouble() < ProctoredRate ? ProctoringProfile.Video : ProctoringProfile.None,
            SortName = Results.TextFold.SortName(last, first),
        };
        if (await CreditedRegistrations.RegisterAsync(db, registration, cancellationToken))
        {
            return registration;
        }

        return null;
    }
}
