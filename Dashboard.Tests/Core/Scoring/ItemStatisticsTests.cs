using Dashboard.Core.Scoring;

namespace Dashboard.Tests.Core.Scoring;

public sealed class ItemStatisticsTests
{
    private static readonly double[] Totals = [800, 700, 400, 600, 500];

    [Fact]
    public void PointBiserialOfASmallKnownDataSet()
    {
        // Right: 800, 700, 600 (mean 700); wrong: 400, 500 (mean 450); population SD of totals √20000;
        // r = (700 − 450) / √20000 × √(0.6 × 0.4) = √3 / 2.
        var sums = ItemStatistics.Sums(new double[] { 1, 1, 0, 1, 0 }.Zip(Totals));

        Assert.Equal(Math.Sqrt(3) / 2, ItemStatistics.PointBiserial(sums)!.Value, 1e-9);
    }

    [Fact]
    public void AnItemTheWeakerCandidatesGetRightDiscriminatesNegatively()
    {
        var sums = ItemStatistics.Sums(new double[] { 0, 0, 1, 0, 1 }.Zip(Totals));

        Assert.Equal(-Math.Sqrt(3) / 2, ItemStatistics.PointBiserial(sums)!.Value, 1e-9);
    }

    [Fact]
    public void AnItemEveryoneGetsRightHasNoDiscrimination()
    {
        var sums = ItemStatistics.Sums(new double[] { 1, 1, 1, 1, 1 }.Zip(Totals));

        Assert.Null(ItemStatistics.PointBiserial(sums));
    }
}
