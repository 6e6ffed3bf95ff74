using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Pages;

/// <summary>"My requests" (/jobs) as a user reads it.</summary>
public sealed class JobsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "My requests" });

    public ILocator Table => page.GetByTestId("jobs-table");

    public ILocator FirstStatus => Table.GetByTestId("job-status").First;

    public ILocator FirstProgress => Table.GetByTestId("job-progress").First;

    public ILocator FirstDownload => Table.GetByTestId("job-download").First;
}
