using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Components.Pages.Grading;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Tests.Components.Grading;

/// <summary>The grading screen as its bUnit tests see it: rendered with its popover provider, and its questions' parts.</summary>
internal static class GradingScreen
{
    /// <summary>Renders the grading screen of a test and waits until its first <paramref name="questions"/> grade fields show.</summary>
    public static IRenderedComponent<IComponent> Render(BunitContext context, int registrationId, int questions = 1)
    {
        var page = context.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<GradePage>(1);
            builder.AddAttribute(2, nameof(GradePage.Id), registrationId);
            builder.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"section[aria-label='Question {questions}'] input")));
        return page;
    }

    public static IElement Question(IRenderedComponent<IComponent> page, int number) => page.Find($"section[aria-label='Question {number}']");

    public static IElement GradeInput(IRenderedComponent<IComponent> page, int number) => page.Find($"section[aria-label='Question {number}'] input");

    public static IElement Comment(IRenderedComponent<IComponent> page, int number) => page.Find($"section[aria-label='Question {number}'] textarea");
}
