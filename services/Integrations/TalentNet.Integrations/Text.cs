namespace TalentNet.Integrations;

/// <summary>Texts cut to the column they are stored in.</summary>
public static class Text
{
    public static string Clip(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= length ? text : text[..length];
    }
}
