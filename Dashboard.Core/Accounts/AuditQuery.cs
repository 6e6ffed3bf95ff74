using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

/// <summary>What the audit log page filters on. Dates are days of the account's time zone, both inclusive.</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, int? RegistrationId = null, DateOnly? From = null, DateOnly? To = null);

public sealed record AuditChange(string Field, string? Before, string? After);

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, int? RegistrationId, string? Detail,
    IReadOnlyList<AuditChange> Changes);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>The owners' view of the audit log: newest first, filtered, one page at a time.</summary>
public sealed class AuditQuery(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope)
{
    public async Task<AuditPage> QueryAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        scope.Demand(Privileges.ManageAdministrators);
        var accountId = scope.RequireAccountId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = await AccountZoneAsync(db, accountId, cancellationToken);

        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(e => e.Actor == filter.Actor);
        }

        if (filter.RegistrationId is { } registrationId)
        {
            query = query.Where(e => e.RegistrationId == registrationId);
        }

        if (filter.From is { } from)
        {
            var start = StartOfDay(from, zone);
            query = query.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1), zone);
            query = query.Where(e => e.At < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var rows = entries.Select(e => new AuditRow(e.Id, TimeZoneInfo.ConvertTime(e.At, zone), e.Actor, e.Action, e.RegistrationId,
            e.Detail, Changes(e.Before, e.After))).ToList();
        return new AuditPage(rows, total);
    }

    /// <summary>The people (and "system") who appear in the account's log, for the actor filter.</summary>
    public async Task<IReadOnlyList<string>> ActorsAsync(CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ManageAdministrators);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Select(e => e.Actor).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }

    /// <summary>Turns the before/after JSON objects into field-by-field changes, fields in the order they first appear.</summary>
    public static IReadOnlyList<AuditChange> Changes(string? beforeJson, string? afterJson)
    {
        var before = Flatten(beforeJson);
        var after = Flatten(afterJson);
        var fields = before.Keys.Concat(after.Keys).Distinct();
        return fields
            .Select(f => new AuditChange(f, before.GetValueOrDefault(f), after.GetValueOrDefault(f)))
            .ToList();
    }

    private static Dictionary<string, string?> Flatten(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return values;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            values["Value"] = Display(document.RootElement);
            return values;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = Display(property.Value);
        }

        return values;
    }

    private static string? Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    private static async Task<TimeZoneInfo> AccountZoneAsync(DashboardDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var zoneId = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
        return zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        // Stored instants are UTC and the SQLite converter orders by clock ticks: compare in UTC too.
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
