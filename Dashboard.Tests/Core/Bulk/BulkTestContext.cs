using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Dashboard.Tests.Core.Bulk;

/// <summary>
/// The bulk services inside the real app (Program.cs, Development: scopes validated) running on a test database:
/// real SQLite, real documents, real Razor email templates, real Quartz store, and either a real SMTP server on
/// loopback or the pickup folder. The host's clock is the database's fake clock. Quartz stores the triggers but
/// does not fire them: a test plays the job with <see cref="RunAsync"/>, so it decides when a run starts and stops.
/// </summary>
public sealed partial class BulkTestContext : IAsyncDisposable
{
    private readonly ActingWebFactory _host = new();

    public BulkTestContext(TestDatabase database, SmtpServerFixture? smtp, Action<IServiceCollection>? configure = null)
    {
        Database = database;
        _host.UseDatabase(database);
        if (smtp is not null)
        {
            _host.UseSmtp(smtp);
        }

        _host.Settings["Bulk:RetryBaseDelayMilliseconds"] = "0";
        _host.Settings["Bulk:ProgressEvery"] = "2";
        _host.Settings["Bulk:PublicBaseUrl"] = "http://dashboard.test:5088";
        _host.TestServices.Add(services =>
        {
            services.Configure<QuartzHostedServiceOptions>(o => o.AutoStart = false);
            services.AddSingleton<TimeProvider>(database.Time);
            configure?.Invoke(services);
        });
    }

    public TestDatabase Database { get; }

    /// <summary>The host's root provider (starts the host on first use).</summary>
    public IServiceProvider Services => _host.Services;

    public string StorageRoot => _host.DataDirectory;

    public string Outbox => Path.Combine(StorageRoot, "outbox");

    /// <summary>The account's requests whose trigger waits in the Quartz store (other tests' accounts share the store).</summary>
    public async Task<IReadOnlyList<int>> ScheduledAsync(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(BulkRequestJob.Group));
        var scheduled = keys.Select(k => TriggerName().Match(k.Name)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await using var db = Database.CreateDbContext(account.Id);
        return await db.Set<BulkRequest>().Where(r => r.AccountId == account.Id && scheduled.Contains(r.Id)).Select(r => r.Id).OrderBy(id => id).ToListAsync();
    }

    /// <summary>Removes a request's trigger, as Quartz does once it has fired.</summary>
    public async Task UnscheduleAsync(int requestId)
    {
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.UnscheduleJob(BulkRequestJob.TriggerKeyFor(requestId));
    }

    /// <summary>A scope of the host acting as an administrator of the account.</summary>
    public AsyncServiceScope AsAdministrator(Administrator admin, Privileges? privileges = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>()
            .SetAdministrator(admin.AccountId, admin.Id, admin.DisplayName, privileges ?? admin.Privileges);
        return scope;
    }

    /// <summary>Runs the request as BulkRequestJob does: a fresh scope of the host acting for the account.</summary>
    public async Task RunAsync(int accountId, int requestId, CancellationToken cancellationToken = default)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "group reports");
        await scope.ServiceProvider.GetRequiredService<BulkRequestRunner>().RunAsync(requestId, cancellationToken);
    }

    public async Task<BulkRequest> LoadAsync(int accountId, int requestId)
    {
        await using var db = Database.CreateDbContext(accountId);
        return await db.Set<BulkRequest>().Include(r => r.Failures).SingleAsync(r => r.Id == requestId);
    }

    public async Task<Administrator> AdministratorAsync(Account account, string name = "Claire Admin", Privileges privileges = Privileges.Owner)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var db = Database.CreateDbContext(account.Id);
        var email = $"admin.{Guid.NewGuid():N}@client.test";
        var admin = new Administrator
        {
            AccountId = account.Id,
            DisplayName = name,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            Privileges = privileges,
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        admin.PasswordHash = new PasswordHasher<Administrator>().HashPassword(admin, "irrelevant-Passw0rd");
        db.Users.Add(admin);
        await db.SaveChangesAsync();
        return admin;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [System.Text.RegularExpressions.GeneratedRegex("^bulk-request-([0-9]+)-trigger$")]
    private static partial System.Text.RegularExpressions.Regex TriggerName();
}

/// <summary>A group of candidates who completed one subject, and an administrator to ask for reports.</summary>
public sealed record BulkWorld(Account Account, Group Group, Subject Subject, IReadOnlyList<Candidate> Candidates, Administrator Admin)
{
    public static readonly DateOnly From = new(2026, 1, 1);
    public static readonly DateOnly To = new(2026, 12, 31);

    public static async Task<BulkWorld> CreateAsync(TestDatabase database, BulkTestContext context, int candidates,
        TestType type = TestType.Evaluation, double score = 640, string subjectName = "Excel")
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync("Bulk");
        var group = await world.GroupAsync(account, "Comptabilité");
        var subject = await world.SubjectAsync(subjectName + " " + Guid.NewGuid().ToString("N")[..6]);
        var list = new List<Candidate>();
        string[] firsts = ["Anne", "Benoît", "Chloé", "Dmitri", "Élodie", "François", "Gaëlle", "Hugo", "Inès", "Jérôme"];
        string[] lasts = ["Martin", "Dupont", "Lefèvre", "Ødegård", "O'Neil", "Durand-Petit", "Moreau", "Łukasz", "Girard", "Roux"];
        for (var i = 0; i < candidates; i++)
        {
            var candidate = await world.CandidateAsync(group, firsts[i % firsts.Length], $"{lasts[i % lasts.Length]}{(i >= lasts.Length ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}");
            await world.RegistrationAsync(candidate, subject, type: type, score: score, completedAt: database.Time.GetUtcNow().AddDays(-3 - i),
                configure: r =>
                {
                    if (type == TestType.Certification && score >= subject.CertificationThreshold)
                    {
                        r.CertificateValidated = true;
                        r.CertificateNumber = $"C-{Guid.NewGuid():N}"[..12];
                    }
                });
            list.Add(candidate);
        }

        var admin = await context.AdministratorAsync(account);
        return new BulkWorld(account, group, subject, list, admin);
    }

    public BulkRequestInput Input(BulkKind kind, string language = "en") => new(kind, Group.Id, Subject.Id, language, From, To);
}
