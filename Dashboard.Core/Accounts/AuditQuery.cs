using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
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

/// <summary>
/// The owners' view of the audit log: newest first, filtered, one page at a time. Ids stored in an entry are
/// shown as what a person reads: a grader's id becomes the grader's name, "subject 4" the subject's name.
/// </summary>
public sealed partial class AuditQuery(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope)
{
    public const string GraderField = "Grader";
    private const string GraderIdField = "GraderId";

    public async Task<AuditPage> QueryAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        scope.Demand(Privileges.ManageAdministrators);
        var accountId = scope.RequireAccountId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await AccountCalendar.LoadAsync(db, accountId, cancellationToken);

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
            var start = calendar.StartOf(from);
            query = query.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = calendar.StartOf(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var changes = entries.ToDictionary(e => e.Id, e => Changes(e.Before, e.After));
        var graderIds = changes.Values.SelectMany(c => c).Where(c => c.Field == GraderIdField)
            .SelectMany(c => new[] { c.Before, c.After }).Select(ParseId).OfType<int>().Distinct().ToList();
        var subjectIds = entries.SelectMany(e => SubjectReference().Matches(e.Detail ?? "")).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Distinct().ToList();
        var graders = await db.Users.AsNoTracking().Where(u => u.AccountId == accountId && graderIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var subjects = await db.Subjects.AsNoTracking().Where(x => subjectIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);

        var rows = entries.Select(e => new AuditRow(e.Id, calendar.ToLocal(e.At), e.Actor, e.Action, e.RegistrationId,
            Readable(e.Detail, subjects), Readable(changes[e.Id], graders))).ToList();
        return new AuditPage(rows, total);
    }

    /// <summary>A grader id gives way to the grader's name (recorded alongside it, else looked up; "—" when none).</summary>
    private static List<AuditChange> Readable(IReadOnlyList<AuditChange> changes, Dictionary<int, string> graders)
    {
        var hasName = changes.Any(c => c.Field == GraderField);
        return changes
            .Where(c => !(hasName && c.Field == GraderIdField))
            .Select(c => c.Field == GraderIdField
                ? new AuditChange(GraderField, NameOf(c.Before), NameOf(c.After))
                : c)
            .ToList();

        string? NameOf(string? id) => ParseId(id) is { } v ? graders.GetValueOrDefault(v, $"#{v}") : null;
    }

    /// <summary>'group 3 "Sales", subject 4' reads 'group "Sales", subject "Excel"'.</summary>
    private static string? Readable(string? detail, Dictionary<int, string> subjects) => detail is null
        ? null
        : GroupReference().Replace(
            SubjectReference().Replace(detail, m => subjects.TryGetValue(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), out var name)
                ? $"subject \"{name}\""
                : m.Value),
            "group \"");

    private static int? ParseId(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    [GeneratedRegex(@"\bsubject (\d+)\b")]
    private static partial Regex SubjectReference();

    [GeneratedRegex("\\bgroup \\d+ \"")]
    private static partial Regex GroupReference();

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
}
