using System.Collections.Concurrent;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Core.Email;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Bulk;

/// <summary>
/// The bulk services around a test database: real SQLite, real documents, real Razor email templates, and
/// either a real SMTP server on loopback or the pickup folder. Jobs are not scheduled by Quartz here
/// (the tests run the runner themselves); <see cref="Scheduled"/> records what would have been scheduled.
/// </summary>
public sealed class BulkTestContext : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dashboard-bulk-tests", Guid.NewGuid().ToString("N"));

    public BulkTestContext(TestDatabase database, SmtpServerFixture? smtp, Action<IServiceCollection>? configure = null)
    {
        Database = database;
        Directory.CreateDirectory(_directory);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDashboardCoreServices((_, options) => TestProvider.Configure(options, database.ConnectionString));
        services.AddSingleton<TimeProvider>(database.Time);
        services.AddSingleton<IEmailTemplateRenderer, RazorEmailTemplateRenderer>();
        services.AddSingleton<IBulkScheduler>(new RecordingScheduler(Scheduled));
        services.Configure<BulkOptions>(o =>
        {
            o.StorageRoot = _directory;
            o.RetryBaseDelayMilliseconds = 0;
            o.ProgressEvery = 2;
            o.PublicBaseUrl = "http://dashboard.test:5088";
        });
        services.Configure<SmtpOptions>(o =>
        {
            if (smtp is not null)
            {
                o.Host = "127.0.0.1";
                o.Port = smtp.Port;
                o.From = "Results Dashboard <results@dashboard.test>";
            }

            o.PickupDirectory = Path.Combine(_directory, "outbox");
        });
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public string StorageRoot => _directory;

    public string Outbox => Path.Combine(_directory, "outbox");

    public ConcurrentQueue<int> Scheduled { get; } = new();

    /// <summary>A scope acting as an administrator of the account.</summary>
    public AsyncServiceScope AsAdministrator(Administrator admin, Privileges? privileges = null)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>()
            .SetAdministrator(admin.AccountId, admin.Id, admin.DisplayName, privileges ?? admin.Privileges);
        return scope;
    }

    /// <summary>Runs the request as the Quartz job does: a fresh scope acting for the account.</summary>
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

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private sealed class RecordingScheduler(ConcurrentQueue<int> scheduled) : IBulkScheduler
    {
        public Task ScheduleAsync(int requestId, int accountId, CancellationToken cancellationToken = default)
        {
            scheduled.Enqueue(requestId);
            return Task.CompletedTask;
        }
    }
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
