using Xunit.Abstractions;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Architecture;

/// <summary>
/// The folders of ZonePoll.Web use one another in one direction (README, "How the pieces fit"): the entity model, then
/// Data and Infrastructure, then Teams, FollowUps, Tally, Worksheets, then Meetings, Handouts and Demo, pages on top.
/// </summary>
public class NamespaceCycleTests(ITestOutputHelper output)
{
    /// <summary>
    /// Declared beside the entities and enums, and part of the model every folder may use: the words, colours and
    /// counting rules of the model's own values. Each uses nothing of the app but the model (a test holds that).
    /// </summary>
    private static readonly Type[] Vocabulary =
    [
        typeof(ZoneStyle), typeof(ZoneMath), typeof(ZoneMoves), typeof(ThreeRStyle), typeof(Pinch), typeof(DropReasons), typeof(InviteTokens),
        typeof(ZonePoll.Web.Email.IQueuedMessage),
    ];

    private static NamespaceGraph Graph() => NamespaceGraph.Of(typeof(ZonePollDbContext).Assembly, Vocabulary);

    [Fact]
    public void NoTwoFeatureFoldersUseEachOtherEvenThroughOthers()
    {
        var graph = Graph();
        foreach (var (from, to) in graph.Edges.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{from} → {string.Join(", ", to.Keys.Order(StringComparer.Ordinal))}");
        }

        Assert.True(graph.Cycles().Count == 0, "Feature folders use each other in a circle:\n" + string.Join("\n", graph.Cycles()));
    }

    [Fact]
    public void TheModelsVocabularyUsesNothingOfTheAppButTheModel()
    {
        var graph = Graph();

        Assert.Equal([], graph.Edges.GetValueOrDefault(NamespaceGraph.Model)?.Select(e => $"{e.Key}: {e.Value}") ?? []);
    }

    [Fact]
    public void TheCheckerFindsACycleThroughSeveralFoldersAndNamesItInOrder()
    {
        var edges = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Pages"] = ["Tally", "Data"],
            ["Tally"] = ["Teams", "Data"],
            ["Teams"] = ["Worksheets", "Data"],
            ["Worksheets"] = ["Tally", "Data"],
            ["Data"] = ["Model"],
        };

        var cycle = Assert.Single(NamespaceGraph.FindCycles(edges));

        Assert.Equal(["Tally", "Teams", "Worksheets", "Tally"], cycle);
    }

    [Fact]
    public void TheCheckerFindsEveryLoopAndNothingInALayeredGraph()
    {
        var layered = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Pages"] = ["Tally", "Worksheets", "Data"],
            ["Worksheets"] = ["Tally", "Data"],
            ["Tally"] = ["Data"],
        };
        var twoLoops = new Dictionary<string, IReadOnlyCollection<string>>(layered)
        {
            ["Data"] = ["Worksheets"],
            ["Meetings"] = ["Teams"],
            ["Teams"] = ["Meetings"],
        };

        Assert.Empty(NamespaceGraph.FindCycles(layered));
        Assert.Equal([["Data", "Worksheets", "Data"], ["Meetings", "Teams", "Meetings"]], NamespaceGraph.FindCycles(twoLoops).OrderBy(c => c[0]));
    }

    [Fact]
    public void TheAssemblysGraphSeesUsesInsideMethodBodiesAndCompiledViews()
    {
        var graph = Graph();

        // TallyBuilder names ZoneMath only inside method bodies; the meeting page's view names the tally's records.
        Assert.Contains(NamespaceGraph.Model, graph.Edges["Tally"].Keys);
        Assert.Equal(NamespaceGraph.Model, graph.NodeOf(typeof(ZoneMath)));
        Assert.Contains("Tally", graph.Edges["Pages.Meetings"].Keys);
        Assert.Contains("Pages.Meetings", graph.Edges.Keys);
    }
}
