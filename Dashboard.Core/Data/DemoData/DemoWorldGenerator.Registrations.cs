// Over 250 lines: already one part of the generator (one registration's life: sitting, answers, credit, grading, proctoring), whose weights and steps read in order.
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;

namespace Dashboard.Core.Data.DemoData;

internal sealed partial class DemoWorldGenerator
{
    private static readonly (TestType, double)[] TypeWeights =
        [(TestType.Evaluation, 45), (TestType.Certification, 25), (TestType.Positioning, 20), (TestType.Free, 10)];

    private static readonly (ProctoringStatus, double)[] ReviewWeights =
    [
        (ProctoringStatus.PendingReview, 20), (ProctoringStatus.Validated, 58), (ProctoringStatus.AwaitingDetails, 6),
        (ProctoringStatus.DetailUnderReview, 5), (ProctoringStatus.ExplanationValidated, 6), (ProctoringStatus.Invalid, 5),
    ];

    private static readonly (int, double)[] IncidentCounts = [(0, 55), (1, 22), (2, 12), (3, 7), (5, 4)];

    private static readonly string[] EssayAnswers =
    [
        "Dear customer, thank you for your message. I understand your frustration and have arranged a replacement.",
        "Bonjour, je vous remercie pour votre retour. Nous avons bien noté le problème et revenons vers vous sous 48 h.",
        "I would first acknowledge the delay, then explain the cause and offer a discount on the next order.",
    ];

    private static readonly string[] CodeAnswers =
    [
        "def total(values):\n    return sum(v for v in values if v > 0)",
        "SELECT g.Name, COUNT(*) FROM Candidates c JOIN Groups g ON g.Id = c.GroupId GROUP BY g.Name;",
        "for i in range(10):\n    print(i * i)",
    ];

    private sealed record Answered(Question Question, string? Answer, double? Points, int Seconds, double Probability);

    private void WriteRegistrations(Writers writer, List<AccountPlan> accounts, List<Subject> subjects, CancellationToken cancellationToken)
    {
        var subjectWeights = subjects.Select(s => (s, SubjectWeight(s.Name))).ToList();
        var accountWeights = accounts.Select(a => (a, a.Share)).ToList();
        var todayStarts = accounts.ToDictionary(a => a, a => AccountCalendar.For(a.Entity.TimeZoneId).DayRange(now).Start);
        var total = Math.Max(1, options.Registrations);
        var historyStart = now.AddDays(-HistoryDays);
        var span = now - historyStart;
        var todaysSittings = Math.Max(20, total / 250);

        for (var k = 0; k < total; k++)
        {
            if (k % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var account = Weighted(accountWeights);
            var c = _random.Next(account.CandidateIds.Length);
            var subject = Weighted(subjectWeights);
            var type = Weighted(TypeWeights);
            // Ids follow registration time, as on a real platform.
            var registeredAt = historyStart + (span * ((k + _random.NextDouble()) / total));
            var registration = new Registration
            {
                Id = k + 1, AccountId = account.Entity.Id, CandidateId = account.CandidateIds[c], GroupId = account.CandidateGroups[c],
                SubjectId = subject.Id, TestType = type, RegisteredAt = registeredAt, SortName = account.SortNames[c],
            };

            var session = _random.NextDouble() < 0.55 ? SessionOf(account, registeredAt) : null;
            registration.SessionId = session?.Id;
            registration.ProctoringProfile = session is { ProctoringProfile: not ProctoringProfile.None }
                ? session.ProctoringProfile
                : (type == TestType.Certification && _random.NextDouble() < 0.4) || _random.NextDouble() < 0.06
                    ? (ProctoringProfile)_random.Next(1, 8)
                    : ProctoringProfile.None;

            // The most recent registrations include today's sittings (finished and in progress).
            var sitsToday = k >= total - (2 * todaysSittings) && _random.NextDouble() < 0.5;
            var answered = Sit(registration, subject, sitsToday ? todayStarts[account] : null, account.Abilities[c]);
            WriteCredit(registration, account);
            WriteGrading(registration, subject, account, answered);
            var incidents = DecideProctoring(registration);

            Documents.CertificateIssuer.Reevaluate(registration, subject, now, _random);

            if (_random.NextDouble() < 0.03)
            {
                registration.AdminComment = AdminComments[_random.Next(AdminComments.Length)];
            }

            if (account.ExternalPrefix == "GLX" && _random.NextDouble() < 0.2)
            {
                registration.ExternalId = $"LMS-{registration.Id}";
            }

            WriteRegistration(writer, registration);
            foreach (var incident in incidents)
            {
                writer.Incidents.Add(registration.Id, (int)incident.Kind, ToBinary(incident.At), IncidentDetail(incident.Kind), incident.Serious);
            }

            if (options.WithResponses)
            {
                WriteResponses(writer, registration, answered);
            }
        }
    }

    /// <summary>Decides whether and when the sitting happened, and what was answered (questions chosen even without responses: it draws the same randoms).</summary>
    private List<Answered> Sit(Registration registration, Subject subject, DateTimeOffset? todayStart, double ability)
    {
        var registeredAt = registration.RegisteredAt;
        if (todayStart is null && _random.NextDouble() < 0.05)
        {
            registration.Status = RegistrationStatus.Cancelled;
            return [];
        }

        DateTimeOffset started;
        if (todayStart is { } midnight)
        {
            var from = registeredAt > midnight ? registeredAt : midnight;
            started = from + ((now - from) * _random.NextDouble() * 0.98);
            if (_random.NextDouble() < 0.4)
            {
                var earliest = now.AddMinutes(-subject.DurationMinutes * 0.9);
                started = earliest > from ? earliest + ((now - earliest) * _random.NextDouble() * 0.9) : started;
            }
        }
        else
        {
            started = registeredAt + TimeSpan.FromDays(-Math.Log(1.0 - _random.NextDouble()) * 4);
        }

        if (started >= now)
        {
            registration.Status = RegistrationStatus.ToBeTaken;
            return [];
        }

        registration.StartedAt = started;
        var answered = ChooseAnswers(subject, ability);
        var elapsed = 0;
        var available = (now - started).TotalSeconds;
        var done = 0;
        while (done < answered.Count && elapsed + answered[done].Seconds <= available)
        {
            elapsed += answered[done].Seconds;
            done++;
        }

        if (done < answered.Count)
        {
            registration.Status = RegistrationStatus.InProgress;
            return answered.Take(Math.Max(0, done)).ToList();
        }

        registration.CompletedAt = started.AddSeconds(elapsed);
        registration.DurationSeconds = elapsed;
        var hasManual = answered.Any(a => a.Question.ManuallyGraded);
        var recent = registration.CompletedAt > now.AddDays(-40);
        registration.Status = hasManual && ((recent && _random.NextDouble() < 0.6) || _random.NextDouble() < 0.03)
            ? RegistrationStatus.PendingGrading
            : RegistrationStatus.Completed;
        return answered;
    }

    private List<Answered> ChooseAnswers(Subject subject, double ability)
    {
        List<Question> questions;
        if (subject.IsAdaptive)
        {
            questions = subject.Questions
                .Select(q => (q, Distance: Math.Abs(q.Difficulty - ability) + Math.Abs(Normal(0, 0.6))))
                .OrderBy(x => x.Distance).ThenBy(x => x.q.Order)
                .Take(subject.QuestionsPerTest).Select(x => x.q).ToList();
        }
        else
        {
            var manual = subject.Questions.Where(q => q.ManuallyGraded).ToList();
            var pool = subject.Questions.Where(q => !q.ManuallyGraded).ToList();
            for (var i = pool.Count - 1; i > 0; i--)
            {
                var j = _random.Next(i + 1);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }

            questions = pool.Take(Math.Max(0, subject.QuestionsPerTest - manual.Count)).Concat(manual).ToList();
        }

        var result = new List<Answered>(questions.Count);
        foreach (var question in questions)
        {
            var probability = 1.0 / (1.0 + Math.Exp(-(ability - question.Difficulty)));
            var correct = _random.NextDouble() < probability;
            var answer = question.Kind switch
            {
                QuestionKind.Essay => EssayAnswers[_random.Next(EssayAnswers.Length)],
                QuestionKind.Code => CodeAnswers[_random.Next(CodeAnswers.Length)],
                _ when correct => question.CorrectAnswer,
                QuestionKind.Numeric => "0",
                QuestionKind.MultipleChoice => "A",
                _ => question.Choices!.Split('|').First(x => x != question.CorrectAnswer),
            };
            var seconds = question.ManuallyGraded ? 240 + _random.Next(600) : 15 + (int)(_random.Next(120) * (1.5 - probability));
            result.Add(new Answered(question, answer, ScoreCalculator.AutoGrade(question, answer), seconds, probability));
        }

        return result;
    }

    private static void WriteCredit(Registration registration, AccountPlan account)
    {
        if (registration.TestType == TestType.Free)
        {
            return;
        }

        // The packs are sized after the history is written (every pack keeps a margin), so only the date decides.
        var packs = account.Packs[registration.TestType];
        var chosen = Sittings.CreditedRegistrations.PackFor(packs.Select(p => p.Entity), registration.TestType, registration.RegisteredAt);
        if (Array.Find(packs, p => p.Entity == chosen) is not { } pack)
        {
            return;
        }

        registration.CreditPackId = pack.Entity.Id;
        if (registration.Status != RegistrationStatus.Cancelled)
        {
            pack.Used++;
        }
    }

    /// <summary>Grades the manual answers of completed sittings, assigns graders, and scores.</summary>
    private void WriteGrading(Registration registration, Subject subject, AccountPlan account, List<Answered> answered)
    {
        var grader = account.Graders[_random.Next(account.Graders.Count)];
        if (registration.Status == RegistrationStatus.PendingGrading)
        {
            if (_random.NextDouble() < 0.65)
            {
                registration.GraderId = grader.Id;
                registration.GraderAssignedAt = Min(now, registration.CompletedAt!.Value.AddHours(0.5 + (_random.NextDouble() * 47)));
            }

            return;
        }

        if (registration.Status != RegistrationStatus.Completed)
        {
            return;
        }

        for (var i = 0; i < answered.Count; i++)
        {
            if (answered[i].Question.ManuallyGraded)
            {
                var fraction = Math.Clamp(answered[i].Probability + Normal(0, 0.2), 0, 1);
                answered[i] = answered[i] with { Points = Math.Round(answered[i].Question.MaxPoints * fraction) };
                registration.GraderId = grader.Id;
                registration.GraderAssignedAt = registration.CompletedAt;
            }
        }

        if (options.WithResponses)
        {
            var responses = answered.Select(a => new Response { QuestionId = a.Question.Id, Points = a.Points });
            registration.Score = ScoreCalculator.Compute(subject, responses).Score;
        }
        else
        {
            var points = answered.Sum(a => a.Points ?? 0);
            var max = answered.Sum(a => a.Question.MaxPoints);
            registration.Score = ScoreCalculator.ToScale(subject.Scale, max > 0 ? points / max : 0);
        }

        registration.Level = ScoreCalculator.LevelOn(subject.Scale, registration.Score.Value);
    }

    private List<(IncidentKind Kind, DateTimeOffset At, bool Serious)> DecideProctoring(Registration registration)
    {
        var incidents = new List<(IncidentKind Kind, DateTimeOffset At, bool Serious)>();
        if (registration.ProctoringProfile == ProctoringProfile.None || registration.StartedAt is not { } started)
        {
            registration.ProctoringStatus = ProctoringStatus.NotApplicable;
            return incidents;
        }

        registration.ProctoringStatus = registration.Status == RegistrationStatus.InProgress
            ? ProctoringStatus.PendingReview
            : Weighted(ReviewWeights);
        var count = Weighted(IncidentCounts);
        if (registration.ProctoringStatus == ProctoringStatus.Invalid)
        {
            count = Math.Max(1, count);
        }

        var end = registration.CompletedAt ?? now;
        for (var i = 0; i < count; i++)
        {
            var kind = (IncidentKind)_random.Next(0, 7);
            var serious = kind == IncidentKind.SecondPerson || (registration.ProctoringStatus == ProctoringStatus.Invalid && i == 0) || _random.NextDouble() < 0.1;
            var at = started + ((end - started) * _random.NextDouble());
            incidents.Add((kind, at, serious));
        }

        registration.IncidentCount = count;
        return incidents;
    }

    private static string IncidentDetail(IncidentKind kind) => kind switch
    {
        IncidentKind.ExitFullScreen => "Left full-screen mode for 12 seconds.",
        IncidentKind.SecondPerson => "A second person appeared on camera.",
        IncidentKind.GazeOffScreen => "Looked away from the screen repeatedly.",
        IncidentKind.NoFaceDetected => "No face detected for 40 seconds.",
        IncidentKind.TabSwitch => "Switched to another browser tab.",
        IncidentKind.NoiseDetected => "Voices detected in the room.",
        _ => "Text pasted into an answer.",
    };

    private void WriteRegistration(Writers writer, Registration r) =>
        writer.Registrations.Add(
            r.Id, r.AccountId, r.CandidateId, r.GroupId, r.SubjectId, (int)r.TestType, r.SessionId, r.CreditPackId, (int)r.Status,
            ToBinary(r.RegisteredAt), Binary(r.StartedAt), Binary(r.CompletedAt), r.DurationSeconds, r.Score, (int?)r.Level,
            r.GraderId, Binary(r.GraderAssignedAt), (int)r.ProctoringProfile, (int)r.ProctoringStatus, r.IncidentCount,
            r.CertificateValidated, r.CertificateNumber, r.CertificateVerificationCode, r.ExternalId, r.AdminComment,
            r.SortName, NextGuid());

    private void WriteResponses(Writers writer, Registration registration, List<Answered> answered)
    {
        for (var i = 0; i < answered.Count; i++)
        {
            var a = answered[i];
            var graded = a.Question.ManuallyGraded && a.Points is not null;
            DateTimeOffset? gradedAt = graded ? Min(now, registration.CompletedAt!.Value.AddHours(1 + (_random.NextDouble() * 71))) : null;
            writer.Responses.Add(registration.Id, a.Question.Id, i, a.Answer, a.Points, a.Seconds,
                graded ? registration.GraderId : null, Binary(gradedAt), graded && _random.NextDouble() < 0.3 ? "Clear and well argued." : null, graded);
        }
    }

    private static TestSession? SessionOf(AccountPlan account, DateTimeOffset at)
    {
        var first = account.Sessions[0].StartsOn;
        var index = ((at.Year - first.Year) * 12) + at.Month - first.Month;
        return index >= 0 && index < account.Sessions.Count ? account.Sessions[index] : null;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static double SubjectWeight(string name) => name switch
    {
        "Excel" => 22,
        "Business English" => 14,
        "Python" or "Word" => 10,
        _ => 7,
    };
}
