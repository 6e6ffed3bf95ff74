using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>Headless Chromium for the browser suites (feed, circuits): one sign-in, then a context per page sharing its cookie.</summary>
internal static class BenchBrowser
{
    public const string OwnerEmail = "owner@acme.test";
    public const string DemoPassword = "Demo-2026!";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                // Pages in background contexts must keep their circuits and timers running as a visible tab does.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            ],
        });
    }

    /// <summary>Signs the demo owner in once and returns the context's storage state (the auth cookie) for the pages to share.</summary>
    public static async Task<string> SignInAsync(IBrowser browser, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(browser);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"account/login?returnUrl={Uri.EscapeDataString("/results")}");
        await page.GetByLabel("Email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/results**");
        return await context.StorageStateAsync();
    }

    /// <summary>
    /// A context of its own (signed in) on <paramref name="path"/>, returned once the live circuit is up; the elapsed
    /// milliseconds are from the navigation's start until then.
    /// </summary>
    public static async Task<(IPage Page, double InteractiveMs)> OpenAsync(
        IBrowser browser, Uri baseAddress, string storageState, string path, string? initScript = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        context.SetDefaultTimeout(120_000);
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }

        var page = await context.NewPageAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync(path);
        await page.GetByTestId("live-indicator").WaitForAsync();
        return (page, started.Elapsed.TotalMilliseconds);
    }

    /// <summary>"20,50,100" → [20, 50, 100].</summary>
    public static int[] Counts(string[] args, string name, int[] fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length
            ? [.. args[index + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order()]
            : fallback;
    }

    /// <summary>The real app on a free port with the demo world of <paramref name="registrations"/> and the demo password.</summary>
    public static Task<WebApplication> StartDemoAppAsync(string directory, int registrations) =>
        BenchWebApp.StartAsync(directory, new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true",
            ["Demo:Registrations"] = registrations.ToString(CultureInfo.InvariantCulture),
            ["Demo:AdminPassword"] = DemoPassword,
        });

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";
}
