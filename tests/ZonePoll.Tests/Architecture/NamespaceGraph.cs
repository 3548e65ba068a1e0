using System.Reflection;
using System.Reflection.Emit;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;

namespace ZonePoll.Tests.Architecture;

/// <summary>
/// Which feature namespace of ZonePoll.Web uses which, read from the compiled assembly: base types, interfaces,
/// attributes, fields, properties, method signatures, locals, and the types, methods and fields each method body
/// names (its IL). Compiled Razor views count in their page folder. The entity model (what EF maps, and the enums it
/// stores) is one node of its own, <see cref="Model"/>, which every feature may use.
/// </summary>
internal sealed class NamespaceGraph
{
    public const string Model = "Model";

    private const string Root = "ZonePoll.Web.";

    private static readonly Dictionary<short, OpCode> OneByte = [];
    private static readonly Dictionary<short, OpCode> TwoByte = [];

    private readonly Assembly _assembly;
    private readonly HashSet<Type> _model;
    private readonly Dictionary<Type, string> _views;

    static NamespaceGraph()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            (code.Size == 1 ? OneByte : TwoByte)[code.Value] = code;
        }
    }

    private NamespaceGraph(Assembly assembly, HashSet<Type> model)
    {
        _assembly = assembly;
        _model = model;
        _views = assembly.GetCustomAttributes<RazorCompiledItemAttribute>().ToDictionary(a => a.Type, a => a.Identifier);
    }

    /// <summary>Feature to the features it uses, each edge with one example (using type → used type).</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = [];

    /// <summary>The graph of <paramref name="assembly"/>, counting <paramref name="vocabulary"/> in the model.</summary>
    public static NamespaceGraph Of(Assembly assembly, IEnumerable<Type> vocabulary)
    {
        var options = new DbContextOptionsBuilder<ZonePollDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new ZonePollDbContext(options);
        var model = new HashSet<Type>(vocabulary);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            model.Add(entity.ClrType);
            foreach (var property in entity.GetProperties())
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type.IsEnum)
                {
                    model.Add(type);
                }
            }
        }

        var graph = new NamespaceGraph(assembly, model);
        foreach (var type in assembly.GetTypes())
        {
            if (graph.NodeOf(type) is { } node)
            {
                graph.AddUses(node, type);
            }
        }

        return graph;
    }

    /// <summary>The feature a type belongs to; null for the composition root and the compiler's own types.</summary>
    public string? NodeOf(Type type)
    {
        if (type.HasElementType)
        {
            // An array or by-ref stands for its element, which is counted on its own.
            return null;
        }

        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        if (type.Assembly != _assembly)
        {
            return null;
        }

        if (_model.Contains(type))
        {
            return Model;
        }

        if (_views.TryGetValue(type, out var view))
        {
            // "/Pages/Teams/Details.cshtml" counts in Pages.Teams, as its page model does.
            return string.Join('.', view.Trim('/').Split('/').SkipLast(1));
        }

        if (type.Namespace is not { } ns || !ns.StartsWith(Root, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = ns[Root.Length..].Split('.');
        return parts[0] is "Pages" or "Areas" ? string.Join('.', parts) : parts[0];
    }

    /// <summary>The cycles between features, each with the example behind each of its edges.</summary>
    public IReadOnlyList<string> Cycles() =>
        [.. FindCycles(Edges.ToDictionary(e => e.Key, e => (IReadOnlyCollection<string>)e.Value.Keys)).Select(Describe)];

    /// <summary>
    /// One cycle for each group of nodes that reach one another (Tarjan's strongly connected components), as
    /// "A → B → A": a group holding several cycles shows one of them, and fixing it shows the next.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> FindCycles(IReadOnlyDictionary<string, IReadOnlyCollection<string>> edges)
    {
        var nodes = edges.Keys.Concat(edges.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var groups = new List<List<string>>();

        IEnumerable<string> Next(string node) =>
            edges.TryGetValue(node, out var next) ? next.Where(n => n != node).Order(StringComparer.Ordinal) : [];

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Next(node))
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    groups.Add(group);
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        // Within a group every node reaches every other: the shortest way from its first node back to itself.
        List<IReadOnlyList<string>> cycles = [];
        foreach (var group in groups)
        {
            var inGroup = group.ToHashSet();
            var start = group.Order(StringComparer.Ordinal).First();
            var cameFrom = new Dictionary<string, string>();
            var queue = new Queue<string>([start]);
            while (queue.TryDequeue(out var node) && !cameFrom.ContainsKey(start))
            {
                foreach (var next in Next(node).Where(inGroup.Contains))
                {
                    if (!cameFrom.ContainsKey(next))
                    {
                        cameFrom[next] = node;
                        queue.Enqueue(next);
                    }
                }
            }

            var path = new List<string> { start };
            for (var node = cameFrom[start]; node != start; node = cameFrom[node])
            {
                path.Add(node);
            }

            path.Add(start);
            path.Reverse();
            cycles.Add(path);
        }

        return cycles;
    }

    /// <summary>A cycle with the example behind each of its edges, for a failure message.</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        string.Join(" → ", cycle) + ":" + string.Concat(cycle.Zip(cycle.Skip(1), (a, b) => $"\n    {a} → {b}: {Edges[a][b]}"));

    private void AddUses(string node, Type type)
    {
        var uses = new HashSet<Type>();
        AddType(uses, type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            AddType(uses, i);
        }

        AddAttributes(uses, type.CustomAttributes);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(all))
        {
            AddType(uses, field.FieldType);
            AddAttributes(uses, field.CustomAttributes);
        }

        foreach (var property in type.GetProperties(all))
        {
            AddType(uses, property.PropertyType);
            AddAttributes(uses, property.CustomAttributes);
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            AddAttributes(uses, method.CustomAttributes);
            if (method is MethodInfo info)
            {
                AddType(uses, info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                AddType(uses, parameter.ParameterType);
                AddAttributes(uses, parameter.CustomAttributes);
            }

            AddBody(uses, method);
        }

        foreach (var used in uses)
        {
            if (NodeOf(used) is { } target && target != node)
            {
                if (!Edges.TryGetValue(node, out var targets))
                {
                    Edges[node] = targets = [];
                }

                targets.TryAdd(target, $"{Name(type)} uses {Name(used)}");
            }
        }
    }

    private static string Name(Type type) => type.DeclaringType is { } outer ? Name(outer) : type.FullName ?? type.Name;

    private static void AddAttributes(HashSet<Type> uses, IEnumerable<CustomAttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            AddType(uses, attribute.AttributeType);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(a => a.TypedValue)))
            {
                AddType(uses, argument.ArgumentType);
                AddType(uses, argument.Value as Type);
            }
        }
    }

    private static void AddType(HashSet<Type> uses, Type? type)
    {
        if (type is null || type.IsGenericParameter || !uses.Add(type))
        {
            return;
        }

        if (type.HasElementType)
        {
            AddType(uses, type.GetElementType());
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            AddType(uses, type.GetGenericTypeDefinition());
            foreach (var argument in type.GetGenericArguments())
            {
                AddType(uses, argument);
            }
        }
    }

    /// <summary>The locals, and every type, method and field the IL names.</summary>
    private static void AddBody(HashSet<Type> uses, MethodBase method)
    {
        if (method.GetMethodBody() is not { } body || body.GetILAsByteArray() is not { } il)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            AddType(uses, local.LocalType);
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? TwoByte[(short)(0xFE00 | il[at + 1])] : OneByte[il[at]];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    AddMember(uses, method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments));
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static void AddMember(HashSet<Type> uses, MemberInfo? member)
    {
        switch (member)
        {
            case Type type:
                AddType(uses, type);
                break;
            case FieldInfo field:
                AddType(uses, field.DeclaringType);
                AddType(uses, field.FieldType);
                break;
            case MethodBase called:
                AddType(uses, called.DeclaringType);
                if (called.IsGenericMethod)
                {
                    foreach (var argument in called.GetGenericArguments())
                    {
                        AddType(uses, argument);
                    }
                }

                break;
        }
    }
}
