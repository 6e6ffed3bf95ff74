using System.Net;
using System.Text.Json;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Tests.Web.Sittings.SittingsWebWorld;

namespace Dashboard.Tests.Web.Sittings;

/// <summary>The real host with its clock stopped, so the edges of the plausibility window are exact.</summary>
public sealed class ClockedWebFactory : DashboardWebFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// The event API refuses times it would have to guess or that cannot have happened: no offset, later than
/// 5 minutes after the server's time, earlier than 5 minutes before the registration. Nothing is stored then.
/// </summary>
public sealed class SittingEventTimesApiTests(ClockedWebFactory factory) : IClassFixture<ClockedWebFactory>
{
    private static readonly DateTimeOffset Now = ClockedWebFactory.Now;
    private static readonly DateTimeOffset Registered = Now.AddDays(-2);

    private readonly SittingsWebWorld _world = new(factory);
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ACompletionInTheYear9999IsRefusedAndNothingIsStored()
    {
        var sitting = await _world.RegistrationAsync(registeredAt: Registered);
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var before = await _world.SnapshotAsync(sitting);

        var response = await PostAsync(_client, key, new
        {
            events = new[]
            {
                Event("sittingStarted", sitting.Registration.Id, Now.AddMinutes(-20)),
                Event("sittingCompleted", sitting.Registration.Id, new DateTimeOffset(9999, 12, 31, 9, 0, 0, TimeSpan.Zero)),
            },
        });

        var message = await AssertRefusedAsync(response, "events[1].occurredAt");
        Assert.Contains("future", message, StringComparison.Ordinal);
        Assert.Contains("5 minutes after the server's current time", message, StringComparison.Ordinal);
        Assert.Equal(before, await _world.SnapshotAsync(sitting));
    }

    [Theory]
    [InlineData("2026-11-28T09:00:00")]
    [InlineData("2026-11-28T09:00:00.123")]
    [InlineData("2026-11-28")]
    public async Task ATimeWithoutAnOffsetIsRefusedNamingTheField(string occurredAt)
    {
        var sitting = await _world.RegistrationAsync(registeredAt: Registered);
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var before = await _world.SnapshotAsync(sitting);
        var body = $$"""
            {"events": [
              {"eventId": "{{Guid.NewGuid()}}", "type": "sittingStarted", "registrationId": {{sitting.Registration.Id}}, "occurredAt": "2026-11-28T09:00:00Z"},
              {"eventId": "{{Guid.NewGuid()}}", "type": "sittingCompleted", "registrationId": {{sitting.Registration.Id}}, "occurredAt": "{{occurredAt}}"}
            ]}
            """;

        var response = await PostRawAsync(_client, key, body);

        var message = await AssertRefusedAsync(response, "events[1].occurredAt");
        Assert.Contains("with an offset", message, StringComparison.Ordinal);
        Assert.Equal(before, await _world.SnapshotAsync(sitting));
    }

    [Theory]
    [InlineData("2026-11-28T09:00:00Z")]
    [InlineData("2026-11-28T10:00:00+01:00")]
    [InlineData("2026-11-28T04:00:00.5-05:00")]
    public async Task ATimeWithAnOffsetIsApplied(string occurredAt)
    {
        var sitting = await _world.RegistrationAsync(registeredAt: Registered);
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var body = $$"""
            {"events": [{"eventId": "{{Guid.NewGuid()}}", "type": "sittingStarted", "registrationId": {{sitting.Registration.Id}}, "occurredAt": "{{occurredAt}}"}]}
            """;

        var response = await PostRawAsync(_client, key, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await _world.LoadAsync(sitting);
        Assert.Equal(DateTimeOffset.Parse(occurredAt, System.Globalization.CultureInfo.InvariantCulture), saved.StartedAt);
    }

    [Fact]
    public async Task FiveMinutesAfterTheServersTimeIsTheLastPlausibleMoment()
    {
        var edge = await _world.RegistrationAsync(registeredAt: Registered);
        var beyond = await _world.RegistrationAsync(registeredAt: Registered);
        var key = await _world.ApiKeyAsync(edge.AccountId);
        var beyondKey = await _world.ApiKeyAsync(beyond.AccountId);
        var before = await _world.SnapshotAsync(beyond);
        var now = factory.Clock.GetUtcNow();

        var atEdge = await PostAsync(_client, key, new { events = new[] { Event("sittingStarted", edge.Registration.Id, now.AddMinutes(5)) } });
        var pastEdge = await PostAsync(_client, beyondKey, new { events = new[] { Event("sittingStarted", beyond.Registration.Id, now.AddMinutes(5).AddSeconds(1)) } });

        Assert.Equal(HttpStatusCode.OK, atEdge.StatusCode);
        Assert.Equal(RegistrationStatus.InProgress, (await _world.LoadAsync(edge)).Status);
        await AssertRefusedAsync(pastEdge, "events[0].occurredAt");
        Assert.Equal(before, await _world.SnapshotAsync(beyond));
    }

    [Fact]
    public async Task FiveMinutesBeforeTheRegistrationWasCreatedIsTheFirstPlausibleMoment()
    {
        var edge = await _world.RegistrationAsync(registeredAt: Registered);
        var beyond = await _world.RegistrationAsync(registeredAt: Registered);
        var key = await _world.ApiKeyAsync(edge.AccountId);
        var beyondKey = await _world.ApiKeyAsync(beyond.AccountId);
        var before = await _world.SnapshotAsync(beyond);

        var atEdge = await PostAsync(_client, key, new { events = new[] { Event("sittingStarted", edge.Registration.Id, Registered.AddMinutes(-5)) } });
        var pastEdge = await PostAsync(_client, beyondKey, new
        {
            events = new[]
            {
                Event("sittingStarted", beyond.Registration.Id, Registered.AddMinutes(-5).AddSeconds(-1)),
                Event("sittingCompleted", beyond.Registration.Id, Registered.AddHours(1)),
            },
        });

        Assert.Equal(HttpStatusCode.OK, atEdge.StatusCode);
        Assert.Equal(RegistrationStatus.InProgress, (await _world.LoadAsync(edge)).Status);
        var message = await AssertRefusedAsync(pastEdge, "events[0].occurredAt");
        Assert.Contains("before registration", message, StringComparison.Ordinal);
        Assert.Equal(before, await _world.SnapshotAsync(beyond));
    }

    [Fact]
    public async Task TheWindowMovesWithTheServersClock()
    {
        var sitting = await _world.RegistrationAsync(registeredAt: Registered);
        var key = await _world.ApiKeyAsync(sitting.AccountId);
        var later = factory.Clock.GetUtcNow().AddHours(1);

        var early = await PostAsync(_client, key, new { events = new[] { Event("sittingStarted", sitting.Registration.Id, later) } });
        factory.Clock.Advance(TimeSpan.FromHours(1));
        var inTime = await PostAsync(_client, key, new { events = new[] { Event("sittingStarted", sitting.Registration.Id, later) } });

        await AssertRefusedAsync(early, "events[0].occurredAt");
        Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
        Assert.Equal(later, (await _world.LoadAsync(sitting)).StartedAt);
    }

    /// <summary>A 400 validation problem naming <paramref name="field"/>; returns its message.</summary>
    private static async Task<string> AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), text);
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }
}
