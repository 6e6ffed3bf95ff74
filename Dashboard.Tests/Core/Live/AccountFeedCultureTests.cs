using System.Globalization;
using Dashboard.Core.Live;

namespace Dashboard.Tests.Core.Live;

/// <summary>A live page refreshes in its own language, whatever thread recorded the change.</summary>
public sealed class AccountFeedCultureTests
{
    [Fact]
    public async Task AHandlerRunsInItsSubscribersCultureAndThePublisherKeepsItsOwn()
    {
        var feed = new AccountFeed<ResultsChange>();
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        IDisposable subscription;
        var seen = new TaskCompletionSource<(string Culture, string UICulture)>();
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
            subscription = feed.Subscribe(1, async _ =>
            {
                await Task.Yield();
                seen.TrySetResult((CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name));
            });
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }

        using (subscription)
        {
            var publisher = await Task.Run(() =>
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
                feed.Publish(new ResultsChange(1, 42, "completed", DateTimeOffset.UnixEpoch));
                return (CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name);
            });

            Assert.Equal(("fr-FR", "fr-FR"), await seen.Task.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(("", ""), publisher);
        }
    }
}
