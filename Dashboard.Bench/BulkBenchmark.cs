// Over 250 lines: one self-contained bench command (seed, ZIP run, email run, checks), read top to bottom like the run it prints.
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Data;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Bench;

/// <summary>
/// Group jobs: the ZIP of N individual reports (target ≤ 5 s for 500) and N candidate emails with their PDF to a
/// loopback SMTP server over one reused connection (target ≥ 100 messages/s). Prints medians of --runs runs.
/// Usage: Dashboard.Bench bulk [--candidates 500] [--runs 3]
/// </summary>
public static class BulkBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var candidates = IntArg(args, "--candidates", 500);
        var runs = IntArg(args, "--runs", 3);
        var directory = Path.Combine(Path.GetTempPath(), "dashboard-bulk-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var smtp = await LoopbackSmtp.StartAsync();
        try
        {
            await using var services = BuildServices(directory, smtp.Port);
            var (accountId, adminId, groupId, subjectId) = await SeedAsync(services, candidates);
            Console.WriteLine(FormattableString.Invariant($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
            Console.WriteLine(FormattableString.Invariant($"bulk: {candidates} candidates, {runs} run(s), SMTP on 127.0.0.1:{smtp.Port}"));

            var zip = new List<double>();
            var zipCpu = new List<double>();
            var zipBytes = 0L;
            for (var i = 0; i < runs; i++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var (seconds, request) = await RunRequestAsync(services, accountId, adminId, groupId, subjectId, BulkKind.AllIndividualReports);
                zip.Add(seconds);
                zipCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                zipBytes = request.OutputBytes ?? 0;
                Check(request, candidates);
            }

            // The PDFs are generated once; this measures SMTP alone: one connection, N messages with attachments.
            var files = await GenerateReportsAsync(services, accountId, candidates);
            var reused = new List<double>();
            var reusedCpu = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                smtp.Reset();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var stopwatch = Stopwatch.StartNew();
                var sender = services.GetRequiredService<IEmailSender>();
                await using (var batch = await sender.OpenBatchAsync())
                {
                    foreach (var (address, file) in files)
                    {
                        await batch.SendAsync(new EmailMessage(address, address, "Your results report", "<p>Hello</p>")
                        {
                            Attachments = [new EmailAttachment(file.FileName, file.ContentType, file.Content)],
                        });
                    }
                }

                reused.Add(files.Count / stopwatch.Elapsed.TotalSeconds);
                // Client and server share this process: messages per CPU-second shows the cost without other load on the machine.
                reusedCpu.Add(files.Count / (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                Require(smtp.Messages == files.Count && smtp.Sessions == 1, $"expected {files.Count} messages on 1 connection, got {smtp.Messages} on {smtp.Sessions}");
            }

            // The same without attachments: what the connection itself costs per message.
            smtp.Reset();
            var plain = Stopwatch.StartNew();
            await using (var batch = await services.GetRequiredService<IEmailSender>().OpenBatchAsync())
            {
                foreach (var (address, _) in files)
                {
                    await batch.SendAsync(new EmailMessage(address, address, "Your results report", "<p>Hello</p>"));
                }
            }

            var plainRate = files.Count / plain.Elapsed.TotalSeconds;

            // Baseline: a new connection per message (what a naive sender does), on a sample of 50.
            smtp.Reset();
            var sample = files.Take(50).ToList();
            var perMessage = Stopwatch.StartNew();
            foreach (var (address, file) in sample)
            {
                await using var batch = await services.GetRequiredService<IEmailSender>().OpenBatchAsync();
                await batch.SendAsync(new EmailMessage(address, address, "Your results report", "<p>Hello</p>")
                {
                    Attachments = [new EmailAttachment(file.FileName, file.ContentType, file.Content)],
                });
            }

            var connectEach = sample.Count / perMessage.Elapsed.TotalSeconds;

            // End to end: the runner generates each PDF, renders the email, guards it with its idempotency key and sends it.
            var endToEnd = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                smtp.Reset();
                var (seconds, request) = await RunRequestAsync(services, accountId, adminId, groupId, subjectId, BulkKind.SendReportsToCandidates);
                Check(request, candidates);
                Require(smtp.Messages == candidates + 1, $"expected {candidates} + 1 messages, got {smtp.Messages}");
                endToEnd.Add(candidates / seconds);
            }

            Console.WriteLine(FormattableString.Invariant($"ZIP of {candidates} individual reports: median {Median(zip):0.00} s ({zipBytes / 1024.0 / 1024.0:0.0} MB) [target <= 5 s], CPU {Median(zipCpu):0.00} s; runs: {string.Join(", ", zip.Select(z => z.ToString("0.00", CultureInfo.InvariantCulture)))}"));
            Console.WriteLine(FormattableString.Invariant($"SMTP, one reused connection, {files.Count} emails with PDF: median {Median(reused):0} msg/s [target >= 100 msg/s], {Median(reusedCpu):0} msg per CPU-second (client + server)"));
            Console.WriteLine(FormattableString.Invariant($"SMTP, one reused connection, {files.Count} emails without attachment: {plainRate:0} msg/s"));
            Console.WriteLine(FormattableString.Invariant($"SMTP, a connection per message (baseline, 50 emails): {connectEach:0} msg/s"));
            Console.WriteLine(FormattableString.Invariant($"Send each candidate their report, end to end (PDF + template + idempotency key + SMTP): median {Median(endToEnd):0} msg/s"));
            var ok = Median(zip) <= 5 && Median(reused) >= 100;
            Console.WriteLine(ok ? "bulk: targets met" : "bulk: TARGET MISSED");
            return ok ? 0 : 1;
        }
        finally
        {
            await smtp.DisposeAsync();
            BenchWebApp.DeleteTemporary(directory);
        }
    }

    private static ServiceProvider BuildServices(string directory, int smtpPort)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDashboardCoreServices((_, options) => options.UseSqlite($"Data Source={Path.Combine(directory, "bench.db")}"));
        services.AddSingleton<IEmailTemplateRenderer, PlainTemplates>();
        services.AddSingleton<IBulkScheduler, NoScheduler>();
        services.Configure<BulkOptions>(o =>
        {
            o.StorageRoot = directory;
            o.ProgressEvery = 25;
            o.AttachMaxBytes = 0;
        });
        services.Configure<SmtpOptions>(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = smtpPort;
            o.From = "Results Dashboard <bench@dashboard.test>";
        });
        return services.BuildServiceProvider();
    }

    private static async Task<(int Account, int Admin, int Group, int Subject)> SeedAsync(ServiceProvider services, int candidates)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await DatabaseInitializer.InitializeAsync(db);
        var now = DateTimeOffset.UtcNow;
        var account = new Account { Name = "Bench", CreatedAt = now };
        db.Accounts.Add(account);
        var subject = new Subject { Name = "Excel", Scale = ScoreScale.Points1000, CertificationThreshold = 551, QuestionsPerTest = 12, DurationMinutes = 30 };
        for (var s = 0; s < 4; s++)
        {
            subject.Skills.Add(new Skill { Name = FormattableString.Invariant($"Skill {s + 1}"), Order = s });
        }

        db.Subjects.Add(subject);
        await db.SaveChangesAsync();
        for (var q = 0; q < 12; q++)
        {
            subject.Questions.Add(new Question
            {
                SkillId = subject.Skills[q % 4].Id, Order = q, Kind = QuestionKind.SingleChoice, Text = FormattableString.Invariant($"Question {q + 1}"),
                Choices = "A|B|C|D", CorrectAnswer = "A", MaxPoints = 1,
            });
        }

        var group = new Group { AccountId = account.Id, Name = "Finance" };
        db.Groups.Add(group);
        var admin = new Administrator
        {
            AccountId = account.Id, DisplayName = "Bench Admin", UserName = "bench@client.test", Email = "bench@client.test", Privileges = Privileges.Owner,
        };
        db.Users.Add(admin);
        await db.SaveChangesAsync();

        var random = new Random(42);
        for (var i = 0; i < candidates; i++)
        {
            var candidate = new Candidate
            {
                AccountId = account.Id, GroupId = group.Id, FirstName = FormattableString.Invariant($"Anne{i}"), LastName = FormattableString.Invariant($"Martin{i}"),
                Email = FormattableString.Invariant($"anne.martin{i}@example.test"),
            };
            var registration = new Registration
            {
                AccountId = account.Id, Candidate = candidate, GroupId = group.Id, SubjectId = subject.Id, Status = RegistrationStatus.Completed,
                RegisteredAt = now.AddDays(-20), StartedAt = now.AddDays(-5).AddMinutes(-30), CompletedAt = now.AddDays(-5).AddMinutes(i),
                DurationSeconds = 1500, Score = 300 + random.Next(600), SortName = FormattableString.Invariant($"martin{i} anne{i}"),
            };
            registration.Level = Dashboard.Core.Scoring.ScoreCalculator.LevelFor(registration.Score.Value);
            foreach (var question in subject.Questions)
            {
                var correct = random.NextDouble() < 0.6;
                registration.Responses.Add(new Response
                {
                    QuestionId = question.Id, Order = question.Order, Answer = correct ? "A" : "B", Points = correct ? 1 : 0, TimeSpentSeconds = 30 + random.Next(90),
                });
            }

            db.Registrations.Add(registration);
        }

        await db.SaveChangesAsync();
        return (account.Id, admin.Id, group.Id, subject.Id);
    }

    private static async Task<(double Seconds, BulkRequest Request)> RunRequestAsync(ServiceProvider services, int accountId, int adminId,
        int groupId, int subjectId, BulkKind kind)
    {
        int id;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccountScope>().SetAdministrator(accountId, adminId, "Bench Admin", Privileges.Owner);
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>()
                .CreateAsync(new BulkRequestInput(kind, groupId, subjectId, "en", today.AddMonths(-1), today));
        }

        var stopwatch = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId);
            await scope.ServiceProvider.GetRequiredService<BulkRequestRunner>().RunAsync(id);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        await using var check = services.CreateAsyncScope();
        check.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId);
        await using var db = await check.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return (seconds, await db.Set<BulkRequest>().AsNoTracking().SingleAsync(r => r.Id == id));
    }

    private static async Task<List<(string Address, GeneratedFile File)>> GenerateReportsAsync(ServiceProvider services, int accountId, int count)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var rows = await db.Registrations.AsNoTracking().OrderBy(r => r.Id).Take(count)
            .Select(r => new { r.Id, r.Candidate!.Email }).ToListAsync();
        var documents = scope.ServiceProvider.GetRequiredService<IDocumentService>();
        var files = new List<(string, GeneratedFile)>();
        foreach (var row in rows)
        {
            files.Add((row.Email, await documents.IndividualReportAsync(row.Id, "en")));
        }

        return files;
    }

    private static void Check(BulkRequest request, int candidates) =>
        Require(request.Status == BulkStatus.Completed && request.ItemsDone == candidates,
            $"request {request.Id}: {request.Status}, {request.ItemsDone}/{request.ItemsTotal}, {request.Error}");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private sealed class PlainTemplates : IEmailTemplateRenderer
    {
        public Task<string> RenderHtmlAsync(EmailTemplateModel model, CancellationToken cancellationToken = default) => Task.FromResult(model switch
        {
            CandidateDocumentEmail c => $"<p>Hello {WebUtility.HtmlEncode(c.CandidateName)},</p><p>Please find attached your {WebUtility.HtmlEncode(c.SubjectName)} report.</p>",
            BulkCompletedEmail b => $"<p>Your request is complete: <a href=\"{b.DownloadUrl}\">download</a></p>",
            _ => "<p></p>",
        });
    }

    private sealed class NoScheduler : IBulkScheduler
    {
        // The benchmark runs the runner itself, timing it without a scheduler's polling delay.
        public Task ScheduleAsync(int requestId, int accountId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>SmtpServer in-process on a loopback port, counting messages and connections.</summary>
    private sealed class LoopbackSmtp : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task? _running;
        private int _messages;
        private int _sessions;

        public int Port { get; private init; }

        public int Messages => Volatile.Read(ref _messages);

        public int Sessions => Volatile.Read(ref _sessions);

        public void Reset()
        {
            Interlocked.Exchange(ref _messages, 0);
            Interlocked.Exchange(ref _sessions, 0);
        }

        public static async Task<LoopbackSmtp> StartAsync()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var smtp = new LoopbackSmtp { Port = port };
            var options = new SmtpServerOptionsBuilder().ServerName("localhost")
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
            var provider = new SmtpServer.ComponentModel.ServiceProvider();
            provider.Add(new CountingStore(smtp));
            provider.Add(new NoDelayListenerFactory());
            var server = new SmtpServer.SmtpServer(options, provider);
            server.SessionCreated += (_, _) => Interlocked.Increment(ref smtp._sessions);
            smtp._running = server.StartAsync(smtp._stop.Token);
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(20);
                }
            }

            await Task.Delay(50);
            return smtp;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await (_running ?? Task.CompletedTask);
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }

            _stop.Dispose();
        }

        /// <summary>Real SMTP servers (Postfix, Exchange) disable Nagle; SmtpServer leaves it on, which adds a delayed-ACK stall per reply.</summary>
        private sealed class NoDelayListenerFactory : SmtpServer.Net.EndpointListenerFactory
        {
            public override SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
            {
                var listener = base.CreateListener(endpointDefinition);
                // Accepted sockets inherit TCP_NODELAY from the listening socket (Linux); the listener is not exposed, hence reflection.
                var field = listener.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
                    .FirstOrDefault(f => f.FieldType == typeof(TcpListener));
                if (field?.GetValue(listener) is TcpListener tcp)
                {
                    tcp.Server.NoDelay = true;
                }

                return listener;
            }
        }

        private sealed class CountingStore(LoopbackSmtp owner) : MessageStore
        {
            public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
                ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._messages);
                return Task.FromResult(SmtpResponse.Ok);
            }
        }
    }
}
