namespace ZonePoll.Web.Pages.Teams;

/// <summary>How a page tells <c>_CustomerName</c> which customers a rep may open: a rep's history page answers 404 for any other.</summary>
public static class CustomerLinks
{
    /// <summary>ViewData key for an <see cref="IReadOnlySet{T}"/> of customer ids the signed-in rep lists (or listed).</summary>
    public const string RepCustomersKey = "CustomerLinks.RepCustomers";
}
