using System.Data.Common;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Data.DemoData;

/// <summary>
/// Builds the demo world in one transaction: the small reference data (accounts, groups, sessions, credit
/// packs, administrators, subject catalogue) through EF, the big tables (candidates, registrations,
/// responses, incidents) through prepared statements. Every random choice comes from one seeded
/// <see cref="Random"/> and every date from <c>now</c>, so the same options and clock give the same world.
/// </summary>
internal sealed partial class DemoWorldGenerator(DemoWorldOptions options, DateTimeOffset now)
{
    private const int HistoryDays = 540;

    private static readonly Func<DateTimeOffset, long> ToBinary =
        new DateTimeOffsetToBinaryConverter().ConvertToProviderExpression.Compile();

    private static readonly string[] AdminComments =
    [
        "Extra time granted (+30 min).", "Retake requested by the manager.", "Candidat malvoyant : police agrandie.",
        "Connection lost once, resumed.", "Invoice sent to HR.",
    ];

    private readonly Random _random = new(options.Seed);
    private int _nextCandidateId = 1;

    public async Task RunAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var subjects = DemoCatalog.Create(_random);
            db.Subjects.AddRange(subjects);
            var accounts = await CreateAccountsAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            foreach (var statement in SearchIndex.DropTriggerStatements(db.Database).Concat(RegistrationTallies.DropTriggerStatements(db.Database)))
            {
                await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            }

            var writer = new Writers(connection, dbTransaction, BulkBatch.For(connection, dbTransaction));
            try
            {
                foreach (var account in accounts)
                {
                    WriteCandidates(writer, account);
                }

                WriteRegistrations(writer, accounts, subjects, cancellationToken);
                writer.Complete();
            }
            finally
            {
                writer.Dispose();
            }

            foreach (var pack in accounts.SelectMany(a => a.Packs.Values.SelectMany(p => p)))
            {
                pack.Entity.InitialQuantity = pack.Used + pack.Margin;
                pack.Entity.RemainingQuantity = pack.Margin;
            }

            await db.SaveChangesAsync(cancellationToken);
            await SearchIndex.RebuildAsync(db, cancellationToken);
            await SearchIndex.EnsureCreatedAsync(db, cancellationToken);
            await RegistrationTallies.RebuildAsync(db, cancellationToken);
            await RegistrationTallies.EnsureCreatedAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class Writers(DbConnection connection, DbTransaction transaction, BulkBatch? batch) : IDisposable
    {
        public BulkInsert Candidates { get; } = BulkInsert.Create(connection, transaction, batch, "Candidates",
            "Id", "AccountId", "FirstName", "LastName", "Email", "ExternalId", "PreferredLanguage", "GroupId");

        public BulkInsert Registrations { get; } = BulkInsert.Create(connection, transaction, batch, "Registrations",
            "Id", "AccountId", "CandidateId", "GroupId", "SubjectId", "TestType", "SessionId", "CreditPackId", "Status",
            "RegisteredAt", "StartedAt", "CompletedAt", "DurationSeconds", "Score", "Level", "GraderId", "GraderAssignedAt",
            "ProctoringProfile", "ProctoringStatus", "IncidentCount", "CertificateValidated", "CertificateNumber",
            "CertificateVerificationCode", "ExternalId", "AdminComment", "SortName", "Version");

        public BulkInsert Responses { get; } = BulkInsert.Create(connection, transaction, batch, "Responses",
            "RegistrationId", "QuestionId", "Order", "Answer", "Points", "TimeSpentSeconds", "GradedById", "GradedAt",
            "GraderComment", "GradeConfirmed");

        public BulkInsert Incidents { get; } = BulkInsert.Create(connection, transaction, batch, "ProctoringIncidents",
            "RegistrationId", "Kind", "OccurredAt", "Detail", "IsSerious");

        public void Complete()
        {
            Candidates.Complete();
            Registrations.Complete();
            Responses.Complete();
            Incidents.Complete();
        }

        public void Dispose()
        {
            Candidates.Dispose();
            Registrations.Dispose();
            Responses.Dispose();
            Incidents.Dispose();
            batch?.Dispose();
        }
    }

    private static long? Binary(DateTimeOffset? value) => value is { } v ? ToBinary(v) : null;

    private double Normal(double mean, double deviation)
    {
        // Box–Muller: deterministic from the seeded generator.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    private T Weighted<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var roll = _random.NextDouble() * items.Sum(i => i.Weight);
        foreach (var (item, weight) in items)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    private string NextGuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString().ToUpperInvariant();
    }

    private static string HashPassword(string? password) =>
        password is null ? "" : new PasswordHasher<Administrator>().HashPassword(null!, password);
}
