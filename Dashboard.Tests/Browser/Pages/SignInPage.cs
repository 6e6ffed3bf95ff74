using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Pages;

/// <summary>The sign-in page, and the app bar's sign-out, as a user works them.</summary>
public sealed class SignInPage(IPage page)
{
    public const string DemoOwnerEmail = "owner@acme.test";
    public const string DemoPassword = "Demo-2026!";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" });

    public ILocator Error => page.Locator("#sign-in-error");

    public async Task GotoAsync(string? returnUrl = null)
    {
        var url = returnUrl is null ? "account/login" : $"account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        await page.GotoAsync(url);
        await Heading.WaitForAsync();
    }

    /// <summary>Fills and submits the form; callers wait for what should follow (the target page, or the error).</summary>
    public async Task SignInAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in from wherever the browser is and lands on <paramref name="returnUrl"/>.</summary>
    public async Task SignInAsDemoOwnerAsync(string returnUrl = "/results")
    {
        await GotoAsync(returnUrl);
        await SignInAsync(DemoOwnerEmail, DemoPassword);
        await SignedInName.WaitForAsync();
    }

    /// <summary>
    /// The app bar's sign-out: a form POST with the antiforgery token, or — when the circuit started on a page
    /// that handed over no token (the not-found page) — a link to the static sign-out page and its form.
    /// </summary>
    public async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Banner).GetByText("Sign out").ClickAsync();
        var confirm = page.GetByRole(AriaRole.Heading, new() { Name = "Sign out?" });
        await Heading.Or(confirm).WaitForAsync();
        if (await confirm.IsVisibleAsync())
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Heading.WaitForAsync();
        }
    }

    public ILocator SignedInName => page.GetByTestId("signed-in-name");
}
