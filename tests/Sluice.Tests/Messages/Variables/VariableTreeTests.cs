using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Messages.Variables;

public class VariableTreeTests
{
    private static VariablePath P(string name) => VariablePath.Parse(name);

    private static string Json(JsonNode? node)
    {
        if (node is null) return "";
        var b = new ByteBuffer(64);
        JsonWriter.Write(b, node);
        return Encoding.UTF8.GetString(b.WrittenSpan);
    }

    private static (MessageVariables vars, VariableTree tree) NewTree()
    {
        var vars = new MessageVariables();
        return (vars, vars.Tree);
    }

    private static void SetString(MessageVariables vars, VariableTree tree, string path, string value, bool reset = false) =>
        tree.Set(P(path), vars.Pool.RentString(Encoding.UTF8.GetBytes(value)), reset);

    private static void SetNumber(MessageVariables vars, VariableTree tree, string path, long value, bool reset = false) =>
        tree.Set(P(path), vars.Pool.RentInteger(value), reset);

    [Theory]
    [InlineData("!a", VariableScope.Message, false)]
    [InlineData(".x", VariableScope.Local, false)]
    [InlineData("/g", VariableScope.Global, false)]
    [InlineData("!", VariableScope.Message, true)]
    [InlineData(".", VariableScope.Local, true)]
    [InlineData("/", VariableScope.Global, true)]
    public void Names_starting_with_bang_dot_or_slash_are_variables(string name, VariableScope scope, bool root)
    {
        var path = P(name);
        Assert.Equal(scope, path.Scope);
        Assert.Equal(root, path.IsRoot);
        Assert.Equal("$" + name, path.ToString());
    }

    [Theory]
    [InlineData("msg")]
    [InlineData("hostname")]
    [InlineData("")]
    public void Property_names_are_not_variables(string name) => Assert.Null(VariablePath.TryParse(name));

    [Fact]
    public void Set_creates_intermediate_objects_and_renders_like_libfastjson()
    {
        var (vars, tree) = NewTree();
        SetString(vars, tree, "!a!b!c", "d");
        SetNumber(vars, tree, "!n", 42);
        SetString(vars, tree, "!s", "quote\" back\\ slash/ tab\t nl\n ctl\u0001 é");
        Assert.Equal("{ \"a\": { \"b\": { \"c\": \"d\" } }, \"n\": 42, \"s\": \"quote\\\" back\\\\ slash\\/ tab\\t nl\\n ctl\\u0001 é\" }",
            Json(tree.Root));
    }

    [Fact]
    public void Dots_inside_a_local_name_do_not_separate()
    {
        var (vars, _) = NewTree();
        SetNumber(vars, vars.Locals, ".a.b", 1);
        SetNumber(vars, vars.Locals, ".a!b", 2);
        Assert.Equal("{ \"a.b\": 1, \"a\": { \"b\": 2 } }", Json(vars.Locals.Root));
    }

    [Fact]
    public void Empty_components_stay_in_place()
    {
        var (vars, tree) = NewTree();
        SetNumber(vars, tree, "!a!!b", 1);
        Assert.Equal("{ \"a\": { \"b\": 1 } }", Json(tree.Root));
        Assert.Equal(1, tree.Find(P("!a!b"))!.Integer);
    }

    [Fact]
    public void Member_names_compare_case_insensitively_and_keep_the_first_spelling()
    {
        var (vars, tree) = NewTree();
        SetNumber(vars, tree, "!Abc", 1);
        SetNumber(vars, tree, "!aBC", 2);
        Assert.Equal("{ \"Abc\": 2 }", Json(tree.Root));
        Assert.True(tree.Exists(P("!ABC")));
    }

    [Fact]
    public void A_removed_member_leaves_a_hole_that_the_next_new_member_fills()
    {
        var (vars, tree) = NewTree();
        foreach (string k in new[] { "a", "b", "c" }) SetNumber(vars, tree, "!" + k, 1);
        tree.Unset(P("!c"));
        tree.Unset(P("!a"));
        SetNumber(vars, tree, "!d", 2);
        SetNumber(vars, tree, "!e", 3);
        Assert.Equal("{ \"d\": 2, \"b\": 1, \"e\": 3 }", Json(tree.Root));
    }

    [Fact]
    public void A_leaf_cannot_replace_a_container_but_reset_can()
    {
        var (vars, tree) = NewTree();
        SetNumber(vars, tree, "!a!b", 1);
        SetNumber(vars, tree, "!a", 2);
        Assert.Equal("{ \"a\": { \"b\": 1 } }", Json(tree.Root));
        SetNumber(vars, tree, "!a", 2, reset: true);
        Assert.Equal("{ \"a\": 2 }", Json(tree.Root));
    }

    [Fact]
    public void Setting_below_a_value_that_is_not_an_object_does_nothing()
    {
        var (vars, tree) = NewTree();
        SetNumber(vars, tree, "!a", 1);
        SetNumber(vars, tree, "!a!b", 2);
        SetNumber(vars, tree, "!a!b!c", 3);
        Assert.Equal("{ \"a\": 1 }", Json(tree.Root));
    }

    [Fact]
    public void An_object_set_on_an_existing_member_is_merged_into_the_root()
    {
        // rsyslog's msgAddJSON merges into the root, not into the member (checked with rsyslogd 8.2302).
        var (vars, tree) = NewTree();
        SetNumber(vars, tree, "!a!b", 1);
        tree.Set(P("!a"), JsonReader.Parse("{\"d\": 2}"u8, vars.Pool)!, reset: false);
        Assert.Equal("{ \"a\": { \"b\": 1 }, \"d\": 2 }", Json(tree.Root));
    }

    [Fact]
    public void Unset_removes_a_member_or_the_whole_tree_and_never_creates()
    {
        var (vars, tree) = NewTree();
        SetNumber(vars, tree, "!a!b!c", 1);
        tree.Unset(P("!x!y"));
        tree.Unset(P("!a!b"));
        Assert.Equal("{ \"a\": { } }", Json(tree.Root));
        tree.Unset(P("!"));
        Assert.Null(tree.Root);
    }

    [Fact]
    public void Array_elements_are_reached_with_an_index()
    {
        var (vars, tree) = NewTree();
        var arr = JsonReader.Parse("[1, \"two\", {\"t\": 3}, null] "u8, vars.Pool)!;
        tree.Set(P("!arr"), arr, reset: false);
        Assert.Equal("two", Encoding.UTF8.GetString(tree.Find(P("!arr[1]"))!.Text));
        Assert.Equal(3, tree.Find(P("!arr[2]!t"))!.Integer);
        Assert.Null(tree.Find(P("!arr[3]"))); // a JSON null counts as absent
        Assert.Null(tree.Find(P("!arr[9]")));
        Assert.Null(tree.Find(P("!arr[-1]")));
        // Setting "arr[0]" adds a member literally called so (rsyslog does the same).
        SetNumber(vars, tree, "!arr[0]", 9);
        Assert.Equal("{ \"arr\": [ 1, \"two\", { \"t\": 3 }, null ], \"arr[0]\": 9 }", Json(tree.Root));
    }

    [Fact]
    public void Json_null_reads_as_absent_but_is_rendered_and_not_unset()
    {
        var (vars, tree) = NewTree();
        tree.Set(P("!"), JsonReader.Parse("{\"n\": null}"u8, vars.Pool)!, reset: false);
        Assert.False(tree.Exists(P("!n")));
        tree.Unset(P("!n"));
        Assert.Equal("{ \"n\": null }", Json(tree.Root));
        SetNumber(vars, tree, "!n", 1);
        Assert.Equal("{ \"n\": 1 }", Json(tree.Root));
    }

    [Fact]
    public void Setting_the_whole_tree_installs_or_merges()
    {
        var (vars, tree) = NewTree();
        tree.Set(P("!"), JsonReader.Parse("{\"a\": 1}"u8, vars.Pool)!, reset: false);
        tree.Set(P("!"), JsonReader.Parse("{\"b\": 2, \"a\": 3}"u8, vars.Pool)!, reset: false);
        tree.Set(P("!"), vars.Pool.RentString("ignored"u8), reset: false);
        Assert.Equal("{ \"a\": 3, \"b\": 2 }", Json(tree.Root));
    }

    [Fact]
    public void Message_reuse_clears_variables_and_recycles_their_nodes()
    {
        var m = new Message();
        m.SetRaw("<13>x"u8);
        var vars = m.GetOrCreateVariables();
        SetString(vars, vars.Tree, "!a!b", "value");
        SetNumber(vars, vars.Locals, ".n", 1);
        Assert.False(vars.IsEmpty);

        m.SetRaw("<13>y"u8);
        Assert.Same(vars, m.Variables);
        Assert.True(vars.IsEmpty);

        var path = P("!a!b");
        var local = P(".n");
        void Use()
        {
            vars.Tree.Set(path, vars.Pool.RentString("value"u8), reset: false);
            vars.Locals.Set(local, vars.Pool.RentInteger(1), reset: false);
            vars.Tree.Set(path, vars.Pool.RentString("again"u8), reset: false);
            vars.Clear();
        }
        // Nodes change roles (leaf, object) as they cycle through the pool; after a few rounds each has every buffer.
        for (int i = 0; i < 20; i++) Use();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Use();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_message_without_variables_has_none()
    {
        var m = new Message();
        m.SetRaw("<13>x"u8);
        Assert.Null(m.Variables);
    }
}

public class MessageVariablesTests
{
    [Fact]
    public void Render_and_AddJson_serve_templates_and_parsers()
    {
        var vars = new MessageVariables();
        Assert.True(vars.AddJson(VariablePath.Parse("!"), "{\"user\": \"root\", \"n\": {\"x\": 1}} "u8));
        Assert.False(vars.AddJson(VariablePath.Parse("!bad"), "{oops"u8));
        var b = new ByteBuffer(64);
        vars.Render(VariablePath.Parse("!user"), b);
        b.Append((byte)'|');
        vars.Render(VariablePath.Parse("!n"), b);
        b.Append((byte)'|');
        vars.Render(VariablePath.Parse("!missing"), b);
        Assert.Equal("root|{ \"x\": 1 }|", System.Text.Encoding.UTF8.GetString(b.WrittenSpan));
    }
}
