namespace ZonePoll.Web.Worksheets;

public enum Zone
{
    Recovery,
    Expectations,
    Surprises,
}

public enum AccountType
{
    Key,
    Growth,
    New,
    Standard,
}
