using Dashboard.Core.Bulk;
using Dashboard.Core.Bulk.Kinds;
using Dashboard.Core.Documents.Localization;

namespace Dashboard.Tests.Core.Bulk;

/// <summary>Every bulk kind is declared once, with everything the runner asks of it, and named in both languages.</summary>
public sealed class BulkKindsTests
{
    public static TheoryData<BulkKind> Kinds() => [.. Enum.GetValues<BulkKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKindHasADescriptorThatCanProduceItsDocuments(BulkKind kind)
    {
        var descriptor = BulkKinds.Of(kind);

        Assert.Equal(kind, descriptor.Kind);
        if (descriptor.Delivery == BulkDelivery.SingleFile)
        {
            Assert.NotNull(descriptor.ProduceForRequest);
        }
        else
        {
            Assert.NotNull(descriptor.ProduceForItem);
        }

        Assert.Equal(descriptor.SendsToCandidates, BulkRequest.IsSendKind(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void BothLanguagesNameEveryKindAndItsFiles(BulkKind kind)
    {
        var descriptor = BulkKinds.Of(kind);
        string[] keys = [descriptor.NameKey, descriptor.MenuKey, descriptor.ItemFileKey, descriptor.ZipLabelKey,
            descriptor.NoCandidateKey, descriptor.DocumentFailedKey, descriptor.EmailSubjectKey];

        foreach (var text in new[] { DocumentText.English, DocumentText.French })
        {
            Assert.All(keys, key => Assert.NotEqual(key, text[key]));
        }

        Assert.NotEqual(BulkKindNames.Of(kind, "en"), BulkKindNames.Of(kind, "fr"));
        Assert.NotEqual(BulkKindNames.MenuLabel(kind, "en"), BulkKindNames.MenuLabel(kind, "fr"));
    }

    [Fact]
    public void NoTwoKindsShareAName()
    {
        foreach (var language in new[] { "en", "fr" })
        {
            var names = Enum.GetValues<BulkKind>().Select(k => BulkKindNames.Of(k, language)).ToList();
            Assert.Equal(names.Count, names.Distinct().Count());
        }
    }
}
