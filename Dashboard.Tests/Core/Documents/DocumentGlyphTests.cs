using System.Text;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;

namespace Dashboard.Tests.Core.Documents;

/// <summary>
/// Names outside Latin-1 must be drawn, not only present in the text layer: the outline PdfPig reads from the embedded
/// font subset must cover the glyph's whole box (accents included), and every letter comes from the embedded DejaVu.
/// </summary>
public sealed class DocumentGlyphTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly DocumentWorld _world = new(database);

    [Fact]
    public async Task VietnameseAndPolishNamesAreDrawnWithEveryAccentOnTheDiplomaAndTheAttestation()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account), "Thị Ánh", "Nguyễn-Đặng Łukasiewicz");
        var subject = await _world.World.SubjectAsync("Tin học văn phòng", threshold: 551);
        var registration = await _world.World.RegistrationAsync(candidate, subject, type: TestType.Certification, score: 900);
        await using (var db = database.CreateDbContext(account.Id))
        {
            var tracked = await db.Registrations.Include(r => r.Subject).SingleAsync(r => r.Id == registration.Id);
            CertificateIssuer.Reevaluate(tracked, tracked.Subject!, tracked.CompletedAt!.Value);
            await db.SaveChangesAsync();
        }

        await using var scope = database.CreateScope(account.Id);
        var documents = DocumentWorld.Documents(scope);
        var diploma = (await documents.CertificateAsync(registration.Id, "fr")).Content;
        var attestation = (await documents.AttestationAsync(registration.Id, "en")).Content;
        DocumentWorld.Keep("glyphs-certificate.pdf", diploma);
        DocumentWorld.Keep("glyphs-attestation.pdf", attestation);

        foreach (var pdf in new[] { diploma, attestation })
        {
            using var document = PdfDocument.Open(pdf);
            var letters = document.GetPages().SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            Assert.All(letters, l => Assert.Contains("DejaVu", l.FontName, StringComparison.Ordinal));
            foreach (var value in new[] { "ễ", "ặ", "ị", "Á", "Đ", "Ł", "ọ", "ò" })
            {
                var letter = letters.FirstOrDefault(l => l.Value == value);
                Assert.True(letter is not null, $"'{value}' is not in the text layer");
                AssertDrawnWhole(letter);
            }
        }
    }

    /// <summary>
    /// The letter's outline in the embedded subset has every contour of the same glyph in the full DejaVu font the app
    /// ships (PDFsharp writes glyph ids as character codes): a component left out of the subset is a missing accent.
    /// </summary>
    private static void AssertDrawnWhole(Letter letter)
    {
        var font = letter.GetFont()!;
        var code = Enumerable.Range(0, 65536).First(c => font.TryGetUnicode(c, out var u) && u == letter.Value);
        Assert.True(font.TryGetPath(code, out var drawn), $"'{letter.Value}' has no outline in {letter.FontName}");
        Assert.True(Shipped(letter.FontName ?? "").TryGetPath(code, glyph => glyph, out var expected), $"glyph {code} is not in the shipped font");
        Assert.True(expected.Count == drawn.Count,
            $"'{letter.Value}' ({Decomposed(letter.Value)}) in {letter.FontName} is drawn with {drawn.Count} of its {expected.Count} contours: part of the glyph is missing");
    }

    private static TrueTypeFont Shipped(string pdfFontName)
    {
        var face = pdfFontName.Contains("Mono", StringComparison.Ordinal) ? "DejaVuSansMono"
            : pdfFontName.Contains("Bold", StringComparison.Ordinal) ? "DejaVuSans-Bold" : "DejaVuSans";
        using var stream = typeof(CertificateIssuer).Assembly.GetManifestResourceStream($"Dashboard.Fonts.{face}.ttf")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return TrueTypeFontParser.Parse(new TrueTypeDataBytes(buffer.ToArray()));
    }

    private static string Decomposed(string value) =>
        string.Join(" + ", value.Normalize(NormalizationForm.FormD).Select(c => $"U+{(int)c:X4}"));
}
