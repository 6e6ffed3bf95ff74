using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// Text and attribute values made safe for markup built as a string (a cell drawn as one markup frame). Every script
/// is left readable (accents, non-Latin names): only what HTML gives a meaning to is encoded.
/// </summary>
internal static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
