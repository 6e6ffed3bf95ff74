using System.Globalization;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;

namespace Dashboard.Core.Data.DemoData;

internal sealed partial class DemoWorldGenerator
{
    private sealed class PackPlan(CreditPack entity, int margin)
    {
        public CreditPack Entity { get; } = entity;
        public int Margin { get; } = margin;
        public int Used { get; set; }
    }

    private sealed class AccountPlan
    {
        public required Account Entity { get; init; }
        public required string Domain { get; init; }
        public required string Language { get; init; }
        public required double Share { get; init; }
        public required string ExternalPrefix { get; init; }
        public List<(Group Group, double Weight)> Groups { get; } = [];
        public List<TestSession> Sessions { get; } = [];
        public Dictionary<TestType, PackPlan[]> Packs { get; } = [];
        public List<Administrator> Graders { get; } = [];

        // Candidates, as parallel arrays (hundreds of thousands in the benchmark world).
        public int[] CandidateIds { get; set; } = [];
        public int[] CandidateGroups { get; set; } = [];
        public double[] Abilities { get; set; } = [];
        public string[] SortNames { get; set; } = [];
    }

    private async Task<List<AccountPlan>> CreateAccountsAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var acmeAccount = new Account { Name = "Acme Learning", TimeZoneId = "Europe/Paris", CreatedAt = now.AddDays(-HistoryDays - 30) };
        var globexAccount = new Account { Name = "Globex Formation", TimeZoneId = "America/Toronto", CreatedAt = now.AddDays(-HistoryDays - 20) };
        db.Accounts.AddRange(acmeAccount, globexAccount);
        await db.SaveChangesAsync(cancellationToken);
        var passwordHash = HashPassword(options.AdminPassword);
        var acme = CreateAccount(db, acmeAccount, "acme.test", "fr", 0.72, "EMP",
            [("Sales", null, false, 3), ("Sales North", "Sales", false, 4), ("Sales South", "Sales", false, 4),
             ("Finance", null, false, 3), ("IT", null, false, 1), ("Developers", "IT", false, 4), ("Support", "IT", false, 3),
             ("Human Resources", null, false, 2), ("Management", null, false, 2),
             ("Apprentices 2024", null, true, 1.5), ("Apprentices 2024 – Lyon", "Apprentices 2024", false, 1.5)],
            [("owner", "Claire Fontaine", Privileges.Owner), ("grader", "Julien Mercier", Privileges.Grader),
             ("grader2", "Hélène Rousseau", Privileges.Grader), ("viewer", "Paul Lambert", Privileges.Viewer)],
            passwordHash);
        var globex = CreateAccount(db, globexAccount, "globex.test", "en", 0.28, "GLX",
            [("Paris office", null, false, 3), ("Lyon office", null, false, 2), ("Lyon – Night shift", "Lyon office", false, 2),
             ("Trainees", null, false, 3), ("2023 cohort", null, true, 1.5)],
            [("owner", "Sarah Mitchell", Privileges.Owner), ("grader", "Tom O'Connor", Privileges.Grader),
             ("viewer", "Nadia Haddad", Privileges.Viewer)],
            passwordHash);
        return [acme, globex];
    }

    private AccountPlan CreateAccount(DashboardDbContext db, Account account, string domain, string language, double share,
        string externalPrefix,
        (string Name, string? Parent, bool Archived, double Weight)[] groups,
        (string Login, string DisplayName, Privileges Privileges)[] administrators, string passwordHash)
    {
        var plan = new AccountPlan
        {
            Entity = account, Domain = domain, Language = language, Share = share,
            ExternalPrefix = externalPrefix,
        };

        var byName = new Dictionary<string, Group>();
        foreach (var (groupName, parent, archived, weight) in groups)
        {
            var group = new Group
            {
                AccountId = account.Id, Name = groupName, IsArchived = archived,
                ParentGroup = parent is null ? null : byName[parent],
            };
            byName[groupName] = group;
            db.Groups.Add(group);
            plan.Groups.Add((group, weight));
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-18);
        for (var month = firstMonth; month <= today.AddMonths(1); month = month.AddMonths(1))
        {
            var index = plan.Sessions.Count;
            var session = new TestSession
            {
                AccountId = account.Id,
                Name = month.ToString("MMMM yyyy", CultureInfo.InvariantCulture) + " session",
                StartsOn = month, EndsOn = month.AddMonths(1).AddDays(-1),
                ProctoringProfile = index % 3 == 0 ? ProctoringProfile.Video : index % 5 == 0 ? ProctoringProfile.RoomScan : ProctoringProfile.None,
            };
            db.TestSessions.Add(session);
            plan.Sessions.Add(session);
        }

        foreach (var type in new[] { TestType.Evaluation, TestType.Certification, TestType.Positioning })
        {
            var expired = new CreditPack
            {
                AccountId = account.Id, TestType = type, PurchasedOn = today.AddMonths(-19), ExpiresOn = today.AddMonths(-7),
            };
            var current = new CreditPack
            {
                AccountId = account.Id, TestType = type, PurchasedOn = today.AddMonths(-7).AddDays(-10), ExpiresOn = today.AddMonths(5),
            };
            db.CreditPacks.AddRange(expired, current);
            plan.Packs[type] = [new PackPlan(expired, 10 + _random.Next(40)), new PackPlan(current, 100 + _random.Next(400))];
        }

        foreach (var (login, displayName, privileges) in administrators)
        {
            var email = $"{login}@{domain}";
            var administrator = new Administrator
            {
                AccountId = account.Id, DisplayName = displayName, Privileges = privileges,
                UserName = email, NormalizedUserName = email.ToUpperInvariant(),
                Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
                PasswordHash = passwordHash.Length > 0 ? passwordHash : null,
                SecurityStamp = NextGuid().Replace("-", "", StringComparison.Ordinal), ConcurrencyStamp = NextGuid().ToLowerInvariant(),
                LockoutEnabled = true,
            };
            db.Users.Add(administrator);
            if ((privileges & Privileges.Grade) == Privileges.Grade)
            {
                plan.Graders.Add(administrator);
            }
        }

        return plan;
    }

    private void WriteCandidates(Writers writer, AccountPlan account)
    {
        var total = Math.Max(20, (int)Math.Round(options.Registrations * account.Share / 2.6));
        account.CandidateIds = new int[total];
        account.CandidateGroups = new int[total];
        account.Abilities = new double[total];
        account.SortNames = new string[total];
        var emails = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < total; i++)
        {
            var id = _nextCandidateId++;
            var language = _random.NextDouble() < 0.7 ? account.Language : (account.Language == "fr" ? "en" : "fr");
            var (first, last) = DemoNames.Person(_random, language);
            var local = DemoNames.EmailLocalPart(first, last);
            var email = $"{local}@{account.Domain}";
            for (var n = 2; !emails.Add(email); n++)
            {
                email = $"{local}{n}@{account.Domain}";
            }

            var group = Weighted(account.Groups).Id;
            var externalId = _random.NextDouble() < 0.3 ? $"{account.ExternalPrefix}-{10000 + i}" : null;
            writer.Candidates.Add(id, account.Entity.Id, first, last, email, externalId, language, group);
            account.CandidateIds[i] = id;
            account.CandidateGroups[i] = group;
            account.Abilities[i] = Normal(0.3, 1.0);
            account.SortNames[i] = TextFold.SortName(last, first);
        }
    }
}
