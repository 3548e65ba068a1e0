namespace ZonePoll.Web.Worksheets;

/// <summary>
/// One save failed while the others of its batch went on: nothing of it was stored. <see cref="Exception.InnerException"/>
/// says why; the writer has logged it.
/// </summary>
public sealed class SaveFailedException : Exception
{
    public SaveFailedException()
        : this("The worksheet was not saved.", null)
    {
    }

    public SaveFailedException(string message)
        : this(message, null)
    {
    }

    public SaveFailedException(Exception inner)
        : this("The worksheet was not saved: " + inner.Message, inner)
    {
    }

    public SaveFailedException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
