using System.Globalization;
using System.Reflection;
using Dashboard.Core.Accounts;
using Dashboard.Core.Proctoring;
using Dashboard.Web.Components.Pages.Admin;

namespace Dashboard.Tests.Components.Accounts;

public sealed class AuditActionLabelsTests
{
    /// <summary>Every action any service writes, read from the constants it writes with.</summary>
    public static TheoryData<string> EveryAuditedAction()
    {
        var data = new TheoryData<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in new[] { typeof(AuditLog.Actions), typeof(ProctoringReviewService.Actions) })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                var value = (string)field.GetRawConstantValue()!;
                if (seen.Add(value))
                {
                    data.Add(value);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryAuditedAction))]
    public void EveryAuditedActionReadsAsWordsInEnglishAndFrench(string action)
    {
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en-GB");
            var english = AuditActionLabels.For(action);
            CultureInfo.CurrentUICulture = new CultureInfo("fr-FR");
            var french = AuditActionLabels.For(action);

            Assert.NotEqual(action, english);
            Assert.NotEqual(action, french);
            Assert.NotEqual(english, french);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
