namespace Dashboard.Tests.Support;

/// <summary>Points the real host at a test's own parts: its SQLite file (no demo world) and its loopback SMTP server.</summary>
public static class WebFactorySettings
{
    /// <summary>The host runs on <paramref name="database"/>'s file: what a test builds with <see cref="WorldBuilder"/> is what the app sees.</summary>
    public static T UseDatabase<T>(this T factory, TestDatabase database) where T : DashboardWebFactory
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(database);
        factory.Settings["Database:ConnectionString"] = database.ConnectionString;
        factory.Settings["Demo:Seed"] = "false";
        return factory;
    }

    /// <summary>Outgoing email goes to <paramref name="smtp"/> over a real SMTP connection instead of the pickup folder.</summary>
    public static T UseSmtp<T>(this T factory, SmtpServerFixture smtp) where T : DashboardWebFactory
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(smtp);
        factory.Settings["Smtp:Host"] = "127.0.0.1";
        factory.Settings["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Smtp:From"] = "Results Dashboard <results@dashboard.test>";
        return factory;
    }
}
