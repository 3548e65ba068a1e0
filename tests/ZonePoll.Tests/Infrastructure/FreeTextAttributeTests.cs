using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Tests.Infrastructure;

public class FreeTextAttributeTests
{
    private static string? Check(string? value, TextKind kind, string? subject = null) =>
        new FreeTextAttribute(kind) { Subject = subject }
            .GetValidationResult(value, new ValidationContext(new object()) { DisplayName = "Your name" })?.ErrorMessage;

    [Fact]
    public void TheMessageNamesTheFieldAndSaysWhatIsWrong()
    {
        Assert.Equal("Your name contains a control character (such as a tab); type it again without one.", Check("Morgan\u0007", TextKind.Name));
        Assert.StartsWith(
            "The title contains an invisible character that changes the direction", Check("Q4\u202E", TextKind.Name, "The title"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  Morgan Manager\t")]
    [InlineData("Morgan Manager\r\n")]
    public void EmptyTextAndWhitespaceTheFieldTrimsAwayPass(string? value) => Assert.Null(Check(value, TextKind.Name));

    [Fact]
    public void ATextareasLineBreakIsOneLineBreakNotAControlCharacter() =>
        Assert.Null(Check("What surprised them?\r\nAnd why?", TextKind.Multiline));

    [Theory]
    [InlineData("\u200C")]
    [InlineData("\u00AD\u200D")]
    public void TextWithNothingVisibleIsRefused(string value) =>
        Assert.Contains("nothing visible", Check(value, TextKind.Name), StringComparison.Ordinal);

    /// <summary>
    /// Strings pages bind that are not text a person types for others to read: each says what checks it instead. A new
    /// bound string fails <see cref="EveryStringAPageBindsFollowsTheTextRuleOrSaysWhyNot"/> until it carries
    /// <see cref="FreeTextAttribute"/> or is named here.
    /// </summary>
    private static readonly Dictionary<string, string> NotFreeText = new(StringComparer.Ordinal)
    {
        ["Areas.Identity.Pages.Account.LoginModel.InputModel.Email"] = "an e-mail address: [EmailAddress] and Identity's user name rules",
        ["Areas.Identity.Pages.Account.LoginModel.InputModel.Password"] = "a password: compared, never shown",
        ["Areas.Identity.Pages.Account.LoginModel.ReturnUrl"] = "a redirect: only a local URL is followed",
        ["Areas.Identity.Pages.Account.RegisterModel.InputModel.Email"] = "an e-mail address: [EmailAddress] and Identity's user name rules",
        ["Areas.Identity.Pages.Account.RegisterModel.InputModel.Password"] = "a password: hashed, never shown",
        ["Areas.Identity.Pages.Account.RegisterModel.InputModel.ConfirmPassword"] = "a password: compared, never stored",
        ["Areas.Identity.Pages.Account.RegisterModel.ReturnUrl"] = "a redirect: only a local URL is followed",
        ["Pages.FollowUps.EditModel.StepInput.Done"] = "a tick: true or false",
        ["Pages.FollowUps.EditModel.StepInput.On"] = "a date, parsed",
        ["Pages.FollowUps.EditModel.StepInput.Note"] = "free text, checked by the page's CheckStep with TextRules (Multiline)",
        ["Pages.FollowUps.EditModel.DueOn"] = "a date, parsed",
        ["Pages.FollowUps.EditModel.OwnerId"] = "a member's id, looked up in the team",
        ["Pages.Meetings.DetailsModel.OnPostRevealAsync(returnTo)"] = "where to go back to: \"present\" or the dashboard",
        ["Pages.Meetings.DetailsModel.OnPostCustomerNamesAsync(returnTo)"] = "where to go back to: \"present\" or the dashboard",
        ["Pages.Teams.SettingsModel.InputModel.Cadence"] = "an enum name, checked by the page",
        ["Pages.Teams.SettingsModel.InputModel.TimeZone"] = "an IANA zone id, checked by LocalTime.TryFind",
        ["Pages.Teams.DetailsModel.OnPostPromoteAsync(userId)"] = "a member's id, looked up in the team",
        ["Pages.Teams.DetailsModel.OnPostRemoveAsync(userId)"] = "a member's id, looked up in the team",
        ["Worksheets.WorksheetRow.Name"] = "a customer name, checked by WorksheetRules with TextRules (Name)",
        ["Worksheets.WorksheetRow.Note"] = "free text, checked by WorksheetRules with TextRules (Multiline)",
        ["Worksheets.WorksheetRow.Zone"] = "an enum name, checked by WorksheetRules",
        ["Worksheets.WorksheetRow.AccountType"] = "an enum name, checked by WorksheetRules",
        ["Worksheets.WorksheetRow.Pinch"] = "a tick: true or false",
        ["Worksheets.WorksheetRow.Causes"] = "enum names, checked by WorksheetRules",
        ["Worksheets.WorksheetRow.Carried"] = "a customer's id, honoured only when on the rep's previous worksheet (CarriedRows)",
        ["Worksheets.WorksheetRow.Dropped"] = "a customer's id, honoured only when on the rep's previous worksheet (CarriedRows)",
        ["Worksheets.WorksheetRow.DropReason"] = "an enum name, checked by DropRules",
        ["Worksheets.WorksheetRow.NewCustomer"] = "compared with the row's checked name, never stored or shown",
        ["Pages.Worksheets.EditModel.Remove"] = "a row index, parsed and range-checked by the page",
        ["Pages.Worksheets.EditModel.UseKnown"] = "a row index, parsed and range-checked by the page",
        ["Worksheets.DropInput.Customer"] = "a customer's id, checked by DropRules",
        ["Worksheets.DropInput.Reason"] = "an enum name, checked by DropRules",
        ["Pages.Meetings.DetailsModel.OnPostAddActionAsync(actionText)"] = "free text, checked by ActionRules with TextRules",
        ["Pages.Meetings.DetailsModel.OnPostAddActionAsync(actionOwner)"] = "a member's id, looked up in the team by ActionRules",
        ["Pages.Meetings.DetailsModel.OnPostAddActionAsync(actionDue)"] = "a date, parsed by ActionRules",
        ["Pages.Meetings.DetailsModel.OnPostAddActionAsync(actionCustomer)"] = "a customer's id, looked up in the meeting by ActionRules",
        ["Pages.Meetings.DetailsModel.OnPostAddActionAsync(actionPrompt)"] = "a prompt's id, looked up in the meeting by ActionRules",
        ["Pages.Meetings.RemoteModel.OnPostAddActionAsync(actionText)"] = "free text, checked by ActionRules with TextRules",
        ["Pages.Meetings.RemoteModel.OnPostAddActionAsync(actionOwner)"] = "a member's id, looked up in the team by ActionRules",
        ["Pages.Meetings.RemoteModel.OnPostAddActionAsync(actionDue)"] = "a date, parsed by ActionRules",
        ["Pages.Meetings.RemoteModel.OnPostAddActionAsync(actionCustomer)"] = "a customer's id, looked up in the meeting by ActionRules",
        ["Pages.Meetings.RemoteModel.OnPostAddActionAsync(actionPrompt)"] = "a prompt's id, looked up in the meeting by ActionRules",
        ["Pages.Meetings.ResultsModel.OnPostAddActionAsync(actionText)"] = "free text, checked by ActionRules with TextRules",
        ["Pages.Meetings.ResultsModel.OnPostAddActionAsync(actionOwner)"] = "a member's id, looked up in the team by ActionRules",
        ["Pages.Meetings.ResultsModel.OnPostAddActionAsync(actionDue)"] = "a date, parsed by ActionRules",
        ["Pages.Meetings.ResultsModel.OnPostAddActionAsync(actionCustomer)"] = "a customer's id, looked up in the meeting by ActionRules",
        ["Pages.Meetings.ResultsModel.OnPostAddActionAsync(actionPrompt)"] = "a prompt's id, looked up in the meeting by ActionRules",
        ["Pages.Meetings.DetailsModel.OnPostActionDoneAsync(actionId)"] = "an action's id, looked up in the checked team",
        ["Pages.Meetings.ResultsModel.OnPostActionDoneAsync(actionId)"] = "an action's id, looked up in the checked team",
        ["Pages.Teams.ActionsModel.OnPostDoneAsync(actionId)"] = "an action's id, looked up in the checked team",
        ["Pages.Teams.ActionsModel.OnPostDoneAsync(returnUrl)"] = "where to go back to, followed only when local",
    };

    [Fact]
    public void EveryStringAPageBindsFollowsTheTextRuleOrSaysWhyNot()
    {
        var found = new List<string>();
        var unruled = new List<string>();
        foreach (var page in typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel))))
        {
            var bindsAll = page.GetCustomAttribute<BindPropertiesAttribute>() is not null;
            foreach (var property in page.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (bindsAll || property.GetCustomAttribute<BindPropertyAttribute>() is not null)
                {
                    Walk($"{Name(page)}.{property.Name}", property.PropertyType, property);
                }
            }

            foreach (var handler in page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal) || m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                // A route value is part of the address, not typed into a field.
                foreach (var parameter in handler.GetParameters().Where(p => p.GetCustomAttribute<FromRouteAttribute>() is null))
                {
                    Walk($"{Name(page)}.{handler.Name}({parameter.Name})", parameter.ParameterType, parameter);
                }
            }
        }

        Assert.Empty(unruled);
        // The walk reaches what it should: the fields this issue found without the rule, and the worksheet's rows.
        Assert.Contains("Areas.Identity.Pages.Account.RegisterModel.InputModel.DisplayName", found);
        Assert.Contains("Pages.Teams.NewModel.Name", found);
        Assert.Contains("Pages.Meetings.NewModel.InputModel.Title", found);
        Assert.Contains("Pages.Meetings.DetailsModel.OnPostAddPromptAsync(text)", found);
        Assert.Contains("Pages.Meetings.DetailsModel.OnPostUpdatePromptAsync(text)", found);
        Assert.Contains("Worksheets.WorksheetRow.Name", found);
        Assert.Empty(NotFreeText.Keys.Except(found));

        void Walk(string path, Type type, ICustomAttributeProvider member)
        {
            if (type == typeof(string))
            {
                found.Add(path);
                if (!member.IsDefined(typeof(FreeTextAttribute), inherit: true) && !NotFreeText.ContainsKey(path))
                {
                    unruled.Add(path);
                }
            }
            else if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
            {
                var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().Single();
                Walk(path, element, member);
            }
            else if (type.IsClass && type.Namespace?.StartsWith("ZonePoll.", StringComparison.Ordinal) == true)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
                {
                    Walk($"{Name(type)}.{property.Name}", property.PropertyType, property);
                }
            }
        }
    }

    private static string Name(Type type) => type.FullName!["ZonePoll.Web.".Length..].Replace('+', '.');
}
