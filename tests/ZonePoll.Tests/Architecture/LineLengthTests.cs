using System.Text.RegularExpressions;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Architecture;

/// <summary>
/// Every line of code in src, tests and bench (C#, Razor, CSS, JavaScript, shell) fits the .editorconfig's max_line_length;
/// generated migrations, vendored libraries and Markdown (whose tables are one line a row) aside.
/// </summary>
public partial class LineLengthTests
{
    [Fact]
    public void NoLineOfCodeIsLongerThanTheEditorconfigAllows()
    {
        var root = Repository.Root();
        var limit = Limit(File.ReadAllText(Path.Combine(root, ".editorconfig")));

        var longLines = LongLines(root, limit);

        Assert.True(longLines.Count == 0, $"{longLines.Count} lines over {limit} characters:\n" + string.Join("\n", longLines));
    }

    [Fact]
    public void TheCheckNamesEachLongLineByFileAndLineAndLeavesMigrationsBuildOutputLibrariesAndMarkdownAlone()
    {
        var root = Directory.CreateTempSubdirectory("zonepoll-lines-").FullName;
        try
        {
            Write(root, "src/App/Page.cshtml", "<p>short</p>", new string('x', 161));
            Write(root, "src/App/Code.cs", new string('y', 160), "", new string('z', 170));
            Write(root, "tests/App.Tests/CodeTests.cs", new string('t', 161));
            Write(root, "src/App/Data/Migrations/20261203_Initial.cs", new string('m', 300));
            Write(root, "src/App/obj/Debug/Generated.cs", new string('o', 300));
            Write(root, "src/App/notes.md", new string('n', 300));
            Write(root, "src/App/wwwroot/css/site.css", ".a { color: red; }", new string('c', 161));
            Write(root, "src/App/wwwroot/js/page.js", new string('j', 162));
            Write(root, "src/App/wwwroot/lib/vendor/vendor.min.js", new string('v', 5000));
            Write(root, "tests/run.sh", new string('s', 163));
            Write(root, "bench/App.Bench/Bench.cs", new string('b', 164));

            var longLines = LongLines(root, 160);

            Assert.Equal(
                [
                    "src/App/Code.cs:3 (170)", "src/App/Page.cshtml:2 (161)", "src/App/wwwroot/css/site.css:2 (161)",
                    "src/App/wwwroot/js/page.js:1 (162)", "tests/App.Tests/CodeTests.cs:1 (161)", "tests/run.sh:1 (163)",
                    "bench/App.Bench/Bench.cs:1 (164)",
                ],
                longLines);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheLimitIsReadFromTheEditorconfigsMaxLineLength()
    {
        Assert.Equal(160, Limit("root = true\n\n[*]\ncharset = utf-8\nmax_line_length = 160\n"));
        Assert.Equal(120, Limit("[*]\nmax_line_length=120\n"));
    }

    private static int Limit(string editorconfig) =>
        MaxLineLength().Match(editorconfig) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException(".editorconfig sets no max_line_length");

    /// <summary>
    /// "path:line (length)" for every line of code over <paramref name="limit"/> in src, tests and bench, folder by folder in
    /// that order, each in path order.
    /// </summary>
    private static List<string> LongLines(string root, int limit)
    {
        List<string> found = [];
        foreach (var folder in CodeFolders.Where(f => Directory.Exists(Path.Combine(root, f))))
        {
            var files = Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories)
                .Where(f => CodeExtensions.Contains(Path.GetExtension(f)))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => !f.Contains("/Data/Migrations/", StringComparison.Ordinal) && !f.Contains("/wwwroot/lib/", StringComparison.Ordinal))
                .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var lines = File.ReadAllLines(Path.Combine(root, file));
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].Length > limit)
                    {
                        found.Add($"{file}:{i + 1} ({lines[i].Length})");
                    }
                }
            }
        }

        return found;
    }

    private static readonly string[] CodeFolders = ["src", "tests", "bench"];

    private static readonly HashSet<string> CodeExtensions = new([".cs", ".cshtml", ".css", ".js", ".sh"], StringComparer.Ordinal);

    private static void Write(string root, string path, params string[] lines)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, string.Join("\n", lines) + "\n");
    }

    [GeneratedRegex(@"^\s*max_line_length\s*=\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MaxLineLength();
}
