using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sittings;

/// <summary>
/// Demo only: plays realistic sittings for the first account through the same <see cref="SittingRecorder"/>
/// the event API uses, so Today's results is alive the moment the app starts. Each step starts a sitting
/// and moves the running ones on: answers arrive, most finish (essays go to pending grading), a few are
/// abandoned, proctored ones have the occasional incident. It also keeps the world alive as an account would:
/// new candidates are registered (one credit each) so that registrations to be taken never run out, and a pack
/// is bought when the credits of a test type run low (that stock keeping is in DemoSittingSimulator.Stock.cs).
/// </summary>
public sealed partial class DemoSittingSimulator(
    IServiceScopeFactory scopes,
    IOptions<DemoSimulatorOptions> options,
    TimeProvider time,
    ILogger<DemoSittingSimulator> logger) : BackgroundService
{
    private const double AbandonRate = 0.08;
    private const double IncidentRatePerStep = 0.05;
    private const double CertificationRate = 0.25;
    private const double ProctoredRate = 0.35;
    private const int MaxRegistrationsPerStep = 5;
    private static readonly TestType[] RegisteredTypes = [TestType.Evaluation, TestType.Certification];

    private readonly DemoSimulatorOptions _options = options.Value;
    private readonly Random _random = options.Value.Seed is { } seed ? new Random(seed) : new Random();
    private readonly List<SimulatedSitting> _running = [];
    private readonly SemaphoreSlim _stepLock = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        logger.LogInformation("Demo sitting simulator started: a step every {Interval} s.", _options.IntervalSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.IntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await StepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A demo must keep going: log, forget the running sittings (their state may be unknown) and carry on.
                    logger.LogWarning(ex, "Demo sitting simulator step failed.");
                    _running.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One step: start a sitting, move the running ones on, record it all as one batch. Returns the number of events.</summary>
    public async Task<int> StepAsync(CancellationToken cancellationToken)
    {
        await _stepLock.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var accountId = await db.Accounts.OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
            if (accountId is null)
            {
                return 0;
            }

            scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId.Value, "Demo simulator");
            var now = time.GetUtcNow();
            var events = new List<SittingEvent>();
            foreach (var sitting in _running.ToList())
            {
                Advance(sitting, now, events);
            }

            if (_running.Count < _options.MaxConcurrentSittings && await StartSittingAsync(db, accountId.Value, cancellationToken) is { } started)
            {
                _running.Add(started);
                events.Add(NewEvent(SittingEventTypes.SittingStarted, started.RegistrationId, now));
            }

            if (events.Count > 0)
            {
                var recorder = scope.ServiceProvider.GetRequiredService<SittingRecorder>();
                await recorder.RecordAsync(new SittingEventBatch { Events = events }, cancellationToken);
            }

            // After the batch: the sitting just started no longer counts as to be taken.
            await KeepWorldAliveAsync(db, accountId.Value, cancellationToken);

            return events.Count;
        }
        finally
        {
            _stepLock.Release();
        }
    }

    private void Advance(SimulatedSitting sitting, DateTimeOffset now, List<SittingEvent> events)
    {
        var answers = Math.Min(_random.Next(1, 4), sitting.Answers.Count);
        var secondsEach = Math.Max(1, (int)Math.Round(_options.IntervalSeconds / Math.Max(1, answers)));
        for (var i = 0; i < answers; i++)
        {
            var (questionId, answer) = sitting.Answers.Dequeue();
            var e = NewEvent(SittingEventTypes.AnswerRecorded, sitting.RegistrationId, now);
            e.QuestionId = questionId;
            e.Answer = answer;
            e.TimeSpentSeconds = secondsEach;
            events.Add(e);
        }

        if (sitting.Proctored && _random.NextDouble() < IncidentRatePerStep)
        {
            var kinds = Enum.GetValues<IncidentKind>();
            var incident = NewEvent(SittingEventTypes.ProctoringIncident, sitting.RegistrationId, now);
            incident.IncidentKind = kinds[_random.Next(kinds.Length)].ToString();
            incident.Detail = "Flagged by the demo proctoring";
            events.Add(incident);
        }

        if (sitting.Answers.Count == 0)
        {
            _running.Remove(sitting);
            if (!sitting.Abandons)
            {
                events.Add(NewEvent(SittingEventTypes.SittingCompleted, sitting.RegistrationId, now));
            }
        }
    }

    private async Task<SimulatedSitting?> StartSittingAsync(DashboardDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var running = _running.Select(s => s.RegistrationId).ToList();
        var waiting = await db.Registrations
            .Where(r => r.Status == RegistrationStatus.ToBeTaken && !running.Contains(r.Id))
            .OrderByDescending(r => r.RegisteredAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.SubjectId, r.ProctoringProfile })
            .Take(50)
            .ToListAsync(cancellationToken);
        int registrationId, subjectId;
        bool proctored;
        if (waiting.Count > 0)
        {
            var pick = waiting[_random.Next(waiting.Count)];
            (registrationId, subjectId, proctored) = (pick.Id, pick.SubjectId, pick.ProctoringProfile != ProctoringProfile.None);
        }
        else if (await RegisterNewCandidateAsync(db, accountId, cancellationToken) is { } created)
        {
            (registrationId, subjectId, proctored) = (created.Id, created.SubjectId, created.ProctoringProfile != ProctoringProfile.None);
        }
        else
        {
            return null;
        }

        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.SubjectId == subjectId)
            .ToListAsync(cancellationToken);
        var questionsPerTest = await db.Subjects.Where(s => s.Id == subjectId).Select(s => s.QuestionsPerTest).FirstAsync(cancellationToken);
        var count = Math.Min(Math.Min(questionsPerTest > 0 ? questionsPerTest : questions.Count, questions.Count), _options.MaxQuestionsPerSitting);
        var ability = 0.35 + (_random.NextDouble() * 0.6);
        var plan = questions.OrderBy(_ => _random.Next()).Take(count).OrderBy(q => q.Order)
            .Select(q => (q.Id, AnswerFor(q, _random.NextDouble() < ability)));
        return new SimulatedSitting(registrationId, new Queue<(int, string?)>(plan), proctored, _random.NextDouble() < AbandonRate);
    }

    private string? AnswerFor(Question question, bool correct)
    {
        switch (question.Kind)
        {
            case QuestionKind.Essay:
                return "In my experience the key point is to plan the work, check the result and document it for the team.";
            case QuestionKind.Code:
                return "def solve(values):\n    return sorted(set(values))";
            case QuestionKind.Numeric:
                return correct || !double.TryParse(question.CorrectAnswer, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    ? question.CorrectAnswer
                    : (n + 1 + _random.Next(5)).ToString(CultureInfo.InvariantCulture);
            default:
                if (correct || question.Choices is null)
                {
                    return question.CorrectAnswer;
                }

                var wrong = question.Choices.Split('|').Where(c => c != question.CorrectAnswer).ToList();
                return wrong.Count > 0 ? wrong[_random.Next(wrong.Count)] : question.CorrectAnswer;
        }
    }

    private static SittingEvent NewEvent(string type, int registrationId, DateTimeOffset at) => new()
    {
        EventId = $"demo-{Guid.NewGuid():N}",
        Type = type,
        RegistrationId = registrationId,
        OccurredAt = at,
    };

    public override void Dispose()
    {
        _stepLock.Dispose();
        base.Dispose();
    }

    private sealed record SimulatedSitting(int RegistrationId, Queue<(int QuestionId, string? Answer)> Answers, bool Proctored, bool Abandons);
}
