using System.Globalization;
using System.Resources;

namespace Dashboard.Web.Components.Pages.Account;

/// <summary>
/// Marks the sign-in, sign-out and access-denied pages' texts: AccountText.resx (English) and AccountText.fr.resx.
/// The static properties serve validation attributes (ErrorMessageResourceType), which read a property by name.
/// </summary>
public sealed class AccountText
{
    private static readonly ResourceManager Resources = new(typeof(AccountText));

    public static string EnterEmail => Text(nameof(EnterEmail));

    public static string EnterValidEmail => Text(nameof(EnterValidEmail));

    public static string EnterPassword => Text(nameof(EnterPassword));

    public static string SignOutExpired => Text(nameof(SignOutExpired));

    private static string Text(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
