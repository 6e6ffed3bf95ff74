// Over 250 lines: one self-contained bench command; its bulk generator of a million rows belongs to it and to no other code.
using System.Diagnostics;
using System.Globalization;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.DashboardMetrics;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Bench;

/// <summary>
/// The Dashboard sub-page's aggregate queries for one group of 10,000 registrations inside a database of
/// 1,000,000 registrations (two accounts). Usage: dashboard [--rows 1000000] [--group-rows 10000] [--runs 30] [--db path].
/// The database is generated once by bulk insert (reused when the file exists) and ANALYZEd.
/// </summary>
public static class DashboardBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rows = Option(args, "--rows", 1_000_000);
        var groupRows = Option(args, "--group-rows", 10_000);
        var runs = Option(args, "--runs", 30);
        var path = OptionText(args, "--db") ?? Path.Combine(Path.GetTempPath(), "dashboard-bench", $"dashboard-{rows}-{groupRows}.db");
        var connectionString = $"Data Source={path}";

        var services = new ServiceCollection();
        var log = args.Contains("--log");
        services.AddDashboardCoreServices((_, o) =>
        {
            o.UseSqlite(connectionString);
            if (log)
            {
                o.LogTo(Console.WriteLine, [RelationalEventId.CommandExecuted]);
            }
        });
        await using var provider = services.BuildServiceProvider();

        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var watch = Stopwatch.StartNew();
            await using (var scope = provider.CreateAsyncScope())
            {
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
                await DatabaseInitializer.InitializeAsync(db);
            }

            await GenerateAsync(connectionString, rows, groupRows);
            Console.WriteLine($"generated {rows:N0} registrations in {watch.Elapsed.TotalSeconds:0.0} s → {path}");
        }

        await using var measureScope = provider.CreateAsyncScope();
        measureScope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(1, "bench");
        var query = measureScope.ServiceProvider.GetRequiredService<DashboardQuery>();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var group = new DashboardSelection { GroupId = 1, SubjectId = 1, From = today.AddMonths(-12), To = today };
        var session = new DashboardSelection { BySession = true, SessionId = 1, SubjectId = 1, From = today.AddMonths(-12), To = today };

        var report = await query.GetReportAsync(group, CancellationToken.None);
        var questions = await query.GetQuestionStatisticsAsync(group, CancellationToken.None);
        Console.WriteLine($"group of {groupRows:N0}: {report.CompletedCount:N0} completed on the test, {questions.Count} questions, " +
            $"{questions.Sum(q => q.Answered):N0} answers aggregated, top score {(report.TopTen.Count > 0 ? report.TopTen[0].Score : null)}");

        // CPU time of the process per run (SQLite runs in-process): what a query costs when the machine is shared.
        Console.WriteLine($"load average {LoadAverage()}");
        Console.WriteLine($"{"query",-44} {"median ms",10} {"p95 ms",10} {"max ms",10} {"median CPU ms",14}");
        await MeasureAsync("tests taken by the group", runs, () => query.GetTestsAsync(group, CancellationToken.None));
        await MeasureAsync("report (cards, charts, top 10), group", runs, () => query.GetReportAsync(group, CancellationToken.None));
        await MeasureAsync("item analysis (every answer), group", runs, () => query.GetQuestionStatisticsAsync(group, CancellationToken.None));
        await MeasureAsync("report + item analysis, group", runs, async () =>
            (await query.GetReportAsync(group, CancellationToken.None), await query.GetQuestionStatisticsAsync(group, CancellationToken.None)));
        await MeasureAsync("report + item analysis, session", runs, async () =>
            (await query.GetReportAsync(session, CancellationToken.None), await query.GetQuestionStatisticsAsync(session, CancellationToken.None)));
        await MeasureAsync("filter options", runs, () => query.GetFilterOptionsAsync(CancellationToken.None));
        await MeasureAsync("credit packs", runs, () => query.GetCreditPacksAsync(CancellationToken.None));
        return 0;
    }

    private static async Task MeasureAsync<T>(string name, int runs, Func<Task<T>> action)
    {
        for (var i = 0; i < 3; i++)
        {
            await action();
        }

        var times = new List<double>(runs);
        var cpu = new List<double>(runs);
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        cpu.Sort();

        times.Sort();
        var median = times[times.Count / 2];
        var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {median,10:0.0} {p95,10:0.0} {times[^1],10:0.0} {cpu[cpu.Count / 2],14:0.0}"));
    }

    /// <summary>
    /// Bulk insert with prepared statements: account 1 holds 60 % of the rows (group 1 = the measured group of
    /// <paramref name="groupRows"/>, sessions 1–20), account 2 the rest. Responses are written for every completed
    /// sitting of group 1 and for one in ten elsewhere.
    /// </summary>
    private static async Task GenerateAsync(string connectionString, int rows, int groupRows)
    {
        var random = new Random(20261127);
        var toLong = new DateTimeOffsetToBinaryConverter();
        long Ts(DateTimeOffset d) => (long)toLong.ConvertToProvider(d)!;

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA synchronous=OFF;");
        var tx = connection.BeginTransaction();

        await Exec(connection, $"INSERT INTO Accounts (Id, Name, TimeZoneId, CreatedAt) VALUES (1, 'Bench A', 'Europe/Paris', {Ts(Now.AddYears(-3))}), (2, 'Bench B', 'Europe/Paris', {Ts(Now.AddYears(-3))});", tx);
        const int subjects = 8, skillsPerSubject = 3, questionsPerSkill = 10, questionsPerTest = 20;
        var questionIds = new List<int>[subjects + 1];
        var difficulty = new Dictionary<int, double>();
        var qid = 0;
        for (var s = 1; s <= subjects; s++)
        {
            await Exec(connection, $"INSERT INTO Subjects (Id, Name, Scale, CertificationThreshold, IsAdaptive, QuestionsPerTest, DurationMinutes) VALUES ({s}, 'Subject {s}', 0, 551, {(s == 2 ? 1 : 0)}, {questionsPerTest}, 40);", tx);
            questionIds[s] = [];
            for (var k = 0; k < skillsPerSubject; k++)
            {
                var skillId = ((s - 1) * skillsPerSubject) + k + 1;
                await Exec(connection, $"INSERT INTO Skills (Id, SubjectId, Name, \"Order\") VALUES ({skillId}, {s}, 'Skill {k + 1}', {k});", tx);
                for (var q = 0; q < questionsPerSkill; q++)
                {
                    qid++;
                    var b = Math.Round((random.NextDouble() * 4) - 2, 2);
                    difficulty[qid] = b;
                    questionIds[s].Add(qid);
                    await Exec(connection, string.Create(CultureInfo.InvariantCulture,
                        $"INSERT INTO Questions (Id, SubjectId, SkillId, \"Order\", Kind, Text, Choices, CorrectAnswer, MaxPoints, Difficulty) VALUES ({qid}, {s}, {skillId}, {(k * questionsPerSkill) + q}, 0, 'Question {qid}', 'A|B|C|D', 'A', 1, {b});"), tx);
                }
            }
        }

        var groupsPerAccount = new[] { 0, 120, 80 };
        var groupId = 0;
        var groupsOf = new List<int>[3];
        for (var a = 1; a <= 2; a++)
        {
            groupsOf[a] = [];
            for (var g = 0; g < groupsPerAccount[a]; g++)
            {
                groupId++;
                groupsOf[a].Add(groupId);
                await Exec(connection, $"INSERT INTO Groups (Id, AccountId, Name, IsArchived) VALUES ({groupId}, {a}, 'Group {groupId}', 0);", tx);
            }

            for (var i = 0; i < 20; i++)
            {
                await Exec(connection, $"INSERT INTO TestSessions (AccountId, Name, StartsOn, EndsOn, ProctoringProfile) VALUES ({a}, 'Session {i}', '2026-01-01', '2026-12-31', 0);", tx);
            }

            await Exec(connection, $"INSERT INTO CreditPacks (AccountId, TestType, InitialQuantity, RemainingQuantity, PurchasedOn, ExpiresOn) VALUES ({a}, 0, 500000, 1200, '2025-01-01', '2027-12-31'), ({a}, 1, 1000, 0, '2024-01-01', '2025-12-31');", tx);
        }

        var candidate = Prepare(connection, tx, "INSERT INTO Candidates (Id, AccountId, FirstName, LastName, Email, PreferredLanguage, GroupId) VALUES ($id, $a, $f, $l, $e, 'en', $g)",
            "$id", "$a", "$f", "$l", "$e", "$g");
        var registration = Prepare(connection, tx,
            "INSERT INTO Registrations (Id, AccountId, CandidateId, GroupId, SubjectId, TestType, SessionId, Status, RegisteredAt, StartedAt, CompletedAt, DurationSeconds, Score, Level, ProctoringProfile, ProctoringStatus, IncidentCount, CertificateValidated, SortName, Version) " +
            "VALUES ($id, $a, $c, $g, $s, 0, $session, $status, $reg, $start, $done, $dur, $score, $level, 0, 0, 0, 0, $sort, $v)",
            "$id", "$a", "$c", "$g", "$s", "$session", "$status", "$reg", "$start", "$done", "$dur", "$score", "$level", "$sort", "$v");
        var response = Prepare(connection, tx,
            "INSERT INTO Responses (RegistrationId, QuestionId, \"Order\", Answer, Points, TimeSpentSeconds, GradeConfirmed) VALUES ($r, $q, $o, $ans, $p, $t, 0)",
            "$r", "$q", "$o", "$ans", "$p", "$t");

        var candidateId = 0;
        var lastCandidateOfGroup = new Dictionary<int, int>();
        for (var id = 1; id <= rows; id++)
        {
            var inGroup = id <= groupRows;
            var account = inGroup || id <= rows * 0.6 ? 1 : 2;
            var group = inGroup ? 1 : groupsOf[account][1 + random.Next(groupsOf[account].Count - 1)];
            // About two registrations per candidate.
            if (!lastCandidateOfGroup.TryGetValue(group, out var cand) || random.Next(2) == 0)
            {
                cand = ++candidateId;
                lastCandidateOfGroup[group] = cand;
                Run(candidate, cand, account, $"First{cand}", $"Last{cand}", $"c{cand}@bench.test", group);
            }

            var subject = inGroup && random.Next(10) < 6 ? 1 : 1 + random.Next(subjects);
            var roll = random.Next(100);
            var status = roll < 70 ? RegistrationStatus.Completed : roll < 80 ? RegistrationStatus.ToBeTaken : roll < 88 ? RegistrationStatus.InProgress
                : roll < 93 ? RegistrationStatus.PendingGrading : RegistrationStatus.Cancelled;
            var registered = Now.AddMinutes(-random.Next(60 * 24 * 540));
            DateTimeOffset? started = status is RegistrationStatus.InProgress or RegistrationStatus.Completed or RegistrationStatus.PendingGrading
                ? registered.AddMinutes(random.Next(60 * 24 * 10)) : null;
            int? duration = started is null || status == RegistrationStatus.InProgress ? null : 600 + random.Next(2400);
            DateTimeOffset? completed = duration is { } d ? started!.Value.AddSeconds(d) : null;
            if (completed > Now)
            {
                completed = Now;
            }

            double? score = status == RegistrationStatus.Completed ? Math.Clamp(Math.Round(560 + (180 * Gaussian(random))), 1, 1000) : null;
            var session = account == 1 && random.Next(4) == 0 ? 1 + random.Next(20) : (int?)null;
            Run(registration, id, account, cand, group, subject, session, (int)status, Ts(registered), started is { } st ? Ts(st) : null,
                completed is { } c ? Ts(c) : null, duration, score, score is { } sc ? (int)ScoreCalculator.LevelFor(sc) : null, $"last{cand} first{cand}", Guid.NewGuid().ToString());

            if (status == RegistrationStatus.Completed && (inGroup || id % 10 == 0))
            {
                var ability = (score!.Value - 560) / 180;
                var bank = questionIds[subject];
                for (var o = 0; o < questionsPerTest; o++)
                {
                    var q = bank[random.Next(bank.Count)];
                    var right = random.NextDouble() < AbilityEstimator.ProbabilityCorrect(ability, difficulty[q]);
                    Run(response, id, q, o + 1, right ? "A" : "B", right ? 1.0 : 0.0, 20 + random.Next(120));
                }
            }

            if (id % 50_000 == 0)
            {
                tx.Commit();
                tx.Dispose();
                tx = connection.BeginTransaction();
                candidate.Transaction = registration.Transaction = response.Transaction = tx;
                Console.WriteLine($"  {id:N0} registrations");
            }
        }

        tx.Commit();
        tx.Dispose();
        await Exec(connection, "ANALYZE;");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static async Task Exec(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        await command.ExecuteNonQueryAsync();
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
