using Dashboard.Tests.Support;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Web.Bulk;

public sealed class SmtpStartupValidationTests
{
    [Fact]
    public async Task AnSmtpHostWithoutASenderStopsTheAppAtStartUp()
    {
        await using var app = new DashboardWebFactory();
        app.Settings["Smtp:Host"] = "smtp.example.com";
        app.Settings["Demo:Seed"] = "false";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Smtp:From is required when Smtp:Host is set.", error.Message, StringComparison.Ordinal);
    }
}
