using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;

namespace Dashboard.Tests.Support;

/// <summary>An account of the web factory's database with its administrators and registrations.</summary>
public sealed record WebTenant(Account Account, Administrator Owner, Administrator Viewer,
    Registration ToBeTaken, Registration Certified, CreditPack Pack);

/// <summary>Creates accounts inside a running <see cref="DashboardWebFactory"/>'s database (independent of the demo world).</summary>
public static class WebTenants
{
    public static Task<WebTenant> CreateAsync(DashboardWebFactory factory, string name)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return CreateAsync(factory.Services, factory.ConnectionString, name);
    }

    /// <summary>For a factory derived with WithWebHostBuilder: its services, the base factory's connection string.</summary>
    public static async Task<WebTenant> CreateAsync(IServiceProvider services, string connectionString, string name)
    {
        // Resolving the services started the app: the database exists and the demo world is seeded.
        var options = TestProvider.Options(connectionString);
        var scope = new AccountScope();
        await using var db = new DashboardDbContext(options, scope);
        var now = DateTimeOffset.UtcNow;
        var account = new Account { Name = $"{name} {Guid.NewGuid():N}"[..20], CreatedAt = now };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        scope.SetSystem(account.Id);

        var subject = new Subject { Name = $"Excel {name}", Scale = ScoreScale.Points1000, CertificationThreshold = 551, DurationMinutes = 30 };
        subject.Skills.Add(new Skill { Name = "Formulas", Order = 0 });
        db.Subjects.Add(subject);
        var group = new Group { AccountId = account.Id, Name = "Sales" };
        db.Groups.Add(group);
        var pack = new CreditPack
        {
            AccountId = account.Id, TestType = TestType.Certification, InitialQuantity = 10, RemainingQuantity = 5,
            PurchasedOn = new DateOnly(2026, 1, 1), ExpiresOn = new DateOnly(2027, 12, 31),
        };
        db.CreditPacks.Add(pack);
        await db.SaveChangesAsync();
        var candidate = new Candidate
        {
            AccountId = account.Id, GroupId = group.Id, FirstName = "Zoé", LastName = $"Tenant{name}",
            Email = $"zoe.{Guid.NewGuid():N}@example.test", PreferredLanguage = "en",
        };
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync();

        Registration NewRegistration(RegistrationStatus status) => new()
        {
            AccountId = account.Id, CandidateId = candidate.Id, GroupId = group.Id, SubjectId = subject.Id,
            TestType = TestType.Certification, Status = status, RegisteredAt = now.AddDays(-3), CreditPackId = pack.Id,
            SortName = $"tenant{name} zoe".ToLowerInvariant(),
        };
        var toBeTaken = NewRegistration(RegistrationStatus.ToBeTaken);
        var certified = NewRegistration(RegistrationStatus.Completed);
        certified.StartedAt = now.AddHours(-2);
        certified.CompletedAt = now.AddHours(-1);
        certified.DurationSeconds = 1500;
        certified.Score = 720;
        certified.Level = ScoreLevel.Advanced;
        certified.CertificateValidated = true;
        certified.CertificateNumber = $"T-{Guid.NewGuid():N}"[..20];
        certified.CertificateVerificationCode = Guid.NewGuid().ToString("N")[..12];
        db.Registrations.AddRange(toBeTaken, certified);
        await db.SaveChangesAsync();

        var owner = await AccountsBuilder.CreateAdministratorAsync(services, account.Id, Privileges.Owner, name: $"Owner of {name}");
        var viewer = await AccountsBuilder.CreateAdministratorAsync(services, account.Id, Privileges.Viewer, name: $"Viewer of {name}");
        return new WebTenant(account, owner, viewer, toBeTaken, certified, pack);
    }
}
