using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ProtocolLang.Generator.Model;
using ProtocolLang.Generator.Tests.TestHelpers;

namespace ProtocolLang.Generator.Tests;

public sealed class IncrementalityTests
{
    private static readonly string[] AllTrackingNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void AddingUnrelatedCSharpFileDoesNotRegenerateStudy()
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace App; public static class A { }");
        var driver = GeneratorHarness.CreateDriver(new InMemoryAdditionalText("/p/small.study", TestStudies.Valid()))
            .RunGenerators(compilation);

        var second = driver
            .RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public static class B { }", GeneratorHarness.ParseOptions)))
            .GetRunResult().Results.Single();

        AssertEveryStepIs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void ReplacingStudyWithIdenticalTextDoesNotRebuildModel()
    {
        var original = new InMemoryAdditionalText("/p/small.study", TestStudies.Valid());
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(original).RunGenerators(compilation);

        var second = driver
            .ReplaceAdditionalText(original, new InMemoryAdditionalText("/p/small.study", TestStudies.Valid()))
            .RunGenerators(compilation)
            .GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Unchanged, SingleOutput(second, TrackingNames.StudyText).Reason);
        foreach (var name in new[] { TrackingNames.BuildModel, TrackingNames.Source, TrackingNames.Diagnostics })
        {
            Assert.Equal(IncrementalStepRunReason.Cached, SingleOutput(second, name).Reason);
        }
    }

    [Fact]
    public void MovingTextInStudyWithErrorsChangesOnlyDiagnostics()
    {
        var original = new InMemoryAdditionalText("/p/bad.study", TestStudies.ThreeMistakes);
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(original).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().Diagnostics;

        var second = driver
            .ReplaceAdditionalText(original, new InMemoryAdditionalText("/p/bad.study", "// moved down one line\n" + TestStudies.ThreeMistakes))
            .RunGenerators(compilation)
            .GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, SingleOutput(second, TrackingNames.BuildModel).Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, SingleOutput(second, TrackingNames.Source).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, SingleOutput(second, TrackingNames.Diagnostics).Reason);
        Assert.Equal(
            before.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1)),
            second.Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line)));
    }

    [Fact]
    public void SameStudyTextGivesEqualModelsInSeparateRuns()
    {
        static StudyModel BuildModel() => (StudyModel)SingleOutput(
            GeneratorHarness.Run("/p/small.study", TestStudies.Valid()), TrackingNames.BuildModel).Value;

        var first = BuildModel();
        var second = BuildModel();

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void ModelsWithDifferentDiagnosticsAreNotEqual()
    {
        var location = LocationInfo.StartOf("/p/x.study");
        DiagnosticModel Diagnostic(string message) => new("PL1001", "t", message, DiagnosticSeverity.Error, "Syntax", location);
        StudyModel Model(params string[] messages) => new("/p/x.study", "X.g.cs", null, messages.Select(Diagnostic).ToEquatableArray());

        Assert.Equal(Model("a", "b"), Model("a", "b"));
        Assert.NotEqual(Model("a", "b"), Model("a", "c"));
        Assert.NotEqual(Model("a"), Model("a", "a"));
        Assert.Equal(Model(), new StudyModel("/p/x.study", "X.g.cs", null, EquatableArray<DiagnosticModel>.Empty));
    }

    [Fact]
    public void ModelHoldsNoSymbolsSyntaxOrCompilations()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(AdditionalText) };
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(StudyModel)]);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
            {
                continue;
            }

            Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(type));
            if (type.Namespace?.StartsWith("ProtocolLang", StringComparison.Ordinal) == true && !type.IsGenericTypeDefinition)
            {
                Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), $"{type} must be IEquatable<{type.Name}>");
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                pending.Push(property.PropertyType);
            }

            foreach (var argument in type.GetGenericArguments())
            {
                pending.Push(argument);
            }
        }

        Assert.Contains(typeof(DiagnosticModel), seen);
        Assert.Contains(typeof(LocationInfo), seen);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string name) =>
        result.TrackedSteps[name].SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();

    private static (object Value, IncrementalStepRunReason Reason) SingleOutput(GeneratorRunResult result, string name) =>
        Assert.Single(Assert.Single(result.TrackedSteps[name]).Outputs);

    private static void AssertEveryStepIs(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        foreach (var name in AllTrackingNames)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} did not run");
            var reasons = Reasons(result, name);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.Contains(reason, allowed));
        }
    }
}
