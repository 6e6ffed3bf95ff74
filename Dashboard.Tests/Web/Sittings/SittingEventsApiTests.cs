// Over 250 lines: every case of the event API runs on one real host with its demo world; a second class would start and seed a second host.
using System.Net;
using System.Text.Json;
using Dashboard.Core.Domain;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using static Dashboard.Tests.Web.Sittings.SittingsWebWorld;

namespace Dashboard.Tests.Web.Sittings;

public sealed class SittingEventsApiTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    private readonly SittingsWebWorld _world = new(factory);
    private readonly HttpClient _client = factory.CreateClient();
    private static readonly DateTimeOffset T = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AStartedEventPutsTheSittingInProgress()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);

        var response = await PostAsync(_client, key, new { events = new[] { Event("sittingStarted", sitting.Registration.Id, T) } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 0, 0), await CountsAsync(response));
        var saved = await _world.LoadAsync(sitting);
        Assert.Equal(RegistrationStatus.InProgress, saved.Status);
        Assert.Equal(T, saved.StartedAt);
    }

    [Fact]
    public async Task AnAnswerRecordedEventStoresTheAnswerAndTimeSpent()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var question = sitting.Subject.Questions[1];

        var response = await PostAsync(_client, key, new
        {
            events = new[]
            {
                Event("sittingStarted", sitting.Registration.Id, T),
                Event("answerRecorded", sitting.Registration.Id, T.AddMinutes(1), questionId: question.Id, answer: "B", timeSpentSeconds: 42),
            },
        });

        Assert.Equal((2, 0, 0), await CountsAsync(response));
        var answer = Assert.Single((await _world.LoadAsync(sitting)).Responses);
        Assert.Equal((question.Id, "B", 42), (answer.QuestionId, answer.Answer, answer.TimeSpentSeconds));
    }

    [Fact]
    public async Task AProctoringIncidentEventIsRecordedForReview()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);

        var response = await PostAsync(_client, key, new
        {
            events = new[]
            {
                Event("sittingStarted", sitting.Registration.Id, T),
                Event("proctoringIncident", sitting.Registration.Id, T.AddMinutes(2), incidentKind: "exitFullScreen", detail: "Left full screen for 12 s"),
            },
        });

        Assert.Equal((2, 0, 0), await CountsAsync(response));
        var saved = await _world.LoadAsync(sitting);
        Assert.Equal(1, saved.IncidentCount);
        Assert.Equal(ProctoringStatus.PendingReview, saved.ProctoringStatus);
        var incident = Assert.Single(saved.Incidents);
        Assert.Equal((IncidentKind.ExitFullScreen, "Left full screen for 12 s", T.AddMinutes(2)), (incident.Kind, incident.Detail, incident.OccurredAt));
    }

    [Fact]
    public async Task ACompletedEventScoresTheSittingAndValidatesTheCertification()
    {
        var sitting = await _world.RegistrationAsync(TestType.Certification);
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var q = sitting.Subject.Questions;

        var response = await PostAsync(_client, key, new
        {
            events = new[]
            {
                Event("sittingStarted", sitting.Registration.Id, T),
                Event("answerRecorded", sitting.Registration.Id, T.AddMinutes(1), questionId: q[0].Id, answer: "A", timeSpentSeconds: 60),
                Event("answerRecorded", sitting.Registration.Id, T.AddMinutes(2), questionId: q[1].Id, answer: "A", timeSpentSeconds: 60),
                Event("answerRecorded", sitting.Registration.Id, T.AddMinutes(3), questionId: q[2].Id, answer: "B", timeSpentSeconds: 60),
                Event("sittingCompleted", sitting.Registration.Id, T.AddMinutes(4)),
            },
        });

        Assert.Equal((5, 0, 0), await CountsAsync(response));
        var saved = await _world.LoadAsync(sitting);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Equal(667, saved.Score);
        Assert.Equal(ScoreLevel.Operational, saved.Level);
        Assert.Equal(240, saved.DurationSeconds);
        Assert.True(saved.CertificateValidated);
        Assert.NotNull(saved.CertificateNumber);
    }

    [Fact]
    public async Task ResendingABatchReportsDuplicatesAndChangesNothing()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var batch = new
        {
            events = new[]
            {
                Event("sittingStarted", sitting.Registration.Id, T),
                Event("answerRecorded", sitting.Registration.Id, T.AddMinutes(1), questionId: sitting.Subject.Questions[0].Id, answer: "A", timeSpentSeconds: 30),
            },
        };
        await PostAsync(_client, key, batch);
        var before = await _world.SnapshotAsync(sitting);

        var again = await PostAsync(_client, key, batch);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((0, 2, 0), await CountsAsync(again));
        Assert.Equal(before, await _world.SnapshotAsync(sitting));
    }

    [Fact]
    public async Task ACompletionBeforeItsStartCompletesTheSittingAndTheLateEventsAreReportedAsIgnored()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);

        var first = await PostAsync(_client, key, new { events = new[] { Event("sittingCompleted", sitting.Registration.Id, T.AddMinutes(30)) } });
        var late = await PostAsync(_client, key, new
        {
            events = new[]
            {
                Event("sittingStarted", sitting.Registration.Id, T, eventId: "late-start"),
                Event("answerRecorded", sitting.Registration.Id, T.AddMinutes(1), questionId: sitting.Subject.Questions[0].Id, answer: "A", timeSpentSeconds: 30, eventId: "late-answer"),
            },
        });

        Assert.Equal((1, 0, 0), await CountsAsync(first));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        using var body = JsonDocument.Parse(await late.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.GetProperty("ignored").GetInt32());
        Assert.Equal(["late-start", "late-answer"], body.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()));
        Assert.All(body.RootElement.GetProperty("events").EnumerateArray(), e => Assert.Equal("ignored", e.GetProperty("outcome").GetString()));
        var saved = await _world.LoadAsync(sitting);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Empty(saved.Responses);
    }

    [Theory]
    [InlineData("{\"events\": [ {\"eventId\": \"x\", ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task MalformedJsonIsABadRequestProblemAndChangesNothing(string body)
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var before = await _world.SnapshotAsync(sitting);

        var response = await PostRawAsync(_client, key, body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await _world.SnapshotAsync(sitting));
    }

    [Fact]
    public async Task AValueOfTheWrongTypeIsABadRequestNamingTheField()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var before = await _world.SnapshotAsync(sitting);
        var body = $$"""
            {"events": [
              {"eventId": "a", "type": "sittingStarted", "registrationId": {{sitting.Registration.Id}}, "occurredAt": "2026-11-27T09:00:00Z"},
              {"eventId": "b", "type": "sittingStarted", "registrationId": "{{sitting.Registration.Id}}", "occurredAt": "2026-11-27T09:00:00Z"}
            ]}
            """;

        var response = await PostRawAsync(_client, key, body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("events[1].registrationId", out _), problem.ToString());
        Assert.Equal(before, await _world.SnapshotAsync(sitting));
    }

    [Fact]
    public async Task MissingFieldsAreAValidationProblemNamingEachFieldAndNothingIsApplied()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var before = await _world.SnapshotAsync(sitting);

        var response = await PostAsync(_client, key, new
        {
            events = new object[]
            {
                Event("sittingStarted", sitting.Registration.Id, T),
                new { eventId = "no-registration", type = "sittingCompleted", occurredAt = T },
                new { eventId = "no-question", type = "answerRecorded", registrationId = sitting.Registration.Id, occurredAt = T, timeSpentSeconds = 3 },
                new { type = "proctoringIncident", registrationId = sitting.Registration.Id, occurredAt = T },
            },
        });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["events[1].registrationId", "events[2].questionId", "events[3].eventId", "events[3].incidentKind"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await _world.SnapshotAsync(sitting));
    }

    [Fact]
    public async Task AnEmptyOrTooLargeBatchIsAValidationProblem()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var tooMany = Enumerable.Range(0, SittingEventValidator.MaxEventsPerBatch + 1).Select(_ => Event("sittingStarted", sitting.Registration.Id, T)).ToArray();

        var empty = await PostAsync(_client, key, new { events = Array.Empty<object>() });
        var many = await PostAsync(_client, key, new { events = tooMany });

        Assert.True((await AssertProblemAsync(empty, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("events", out _));
        Assert.True((await AssertProblemAsync(many, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("events", out _));
        Assert.Equal(RegistrationStatus.ToBeTaken, (await _world.LoadAsync(sitting)).Status);
    }

    [Fact]
    public async Task AnOversizedBodyIsRefusedWith413AndChangesNothing()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var before = await _world.SnapshotAsync(sitting);
        var padding = new string('x', 1024 * 1024);

        var response = await PostAsync(_client, key, new { events = new[] { Event("proctoringIncident", sitting.Registration.Id, T, incidentKind: "tabSwitch", detail: padding) } });

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await _world.SnapshotAsync(sitting));
    }

    [Fact]
    public async Task AMissingKeyIsUnauthorized()
    {
        var sitting = await _world.RegistrationAsync();
        var before = await _world.SnapshotAsync(sitting);

        var response = await PostAsync(_client, null, new { events = new[] { Event("sittingStarted", sitting.Registration.Id, T) } });

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await _world.SnapshotAsync(sitting));
    }

    [Fact]
    public async Task AnUnknownOrRevokedKeyIsUnauthorized()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        await _world.RevokeAsync(sitting.AccountId, key);
        var before = await _world.SnapshotAsync(sitting);
        var batch = new { events = new[] { Event("sittingStarted", sitting.Registration.Id, T) } };

        var revoked = await PostAsync(_client, key, batch);
        var unknown = await PostAsync(_client, key[..^2] + "zz", batch);

        await AssertProblemAsync(revoked, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(unknown, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await _world.SnapshotAsync(sitting));
    }

    [Fact]
    public async Task AnotherAccountsRegistrationIsNotFoundAndTheWholeBatchChangesNothing()
    {
        var mine = await _world.RegistrationAsync();
        var theirs = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(mine.AccountId);
        var (myBefore, theirBefore) = (await _world.SnapshotAsync(mine), await _world.SnapshotAsync(theirs));

        var response = await PostAsync(_client, key, new
        {
            events = new[] { Event("sittingStarted", mine.Registration.Id, T), Event("sittingStarted", theirs.Registration.Id, T) },
        });

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.True(problem.GetProperty("errors").TryGetProperty("events[1].registrationId", out _));
        Assert.Equal(myBefore, await _world.SnapshotAsync(mine));
        Assert.Equal(theirBefore, await _world.SnapshotAsync(theirs));
    }

    [Fact]
    public async Task AnUnknownRegistrationIsNotFound()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);

        var response = await PostAsync(_client, key, new { events = new[] { Event("sittingStarted", int.MaxValue, T) } });

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsUnsupported()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);

        var response = await PostRawAsync(_client, key, "events=1", "application/x-www-form-urlencoded");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task UsingAKeyRecordsWhenItWasLastUsed()
    {
        var sitting = await _world.RegistrationAsync();
        var key = await _world.ApiKeyAsync(sitting.AccountId);

        await PostAsync(_client, key, new { events = new[] { Event("sittingStarted", sitting.Registration.Id, T) } });

        await using var db = _world.CreateDbContext(sitting.AccountId);
        var hash = ApiKeyService.Hash(key);
        Assert.NotNull(db.Set<ApiKey>().Single(k => k.KeyHash == hash).LastUsedAt);
    }

    private static async Task<(int Applied, int Duplicates, int Ignored)> CountsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        return (root.GetProperty("applied").GetInt32(), root.GetProperty("duplicates").GetInt32(), root.GetProperty("ignored").GetInt32());
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
