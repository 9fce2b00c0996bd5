using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;
using ProtocolLang.Generator.Tests.TestHelpers;

namespace ProtocolLang.Generator.Tests;

/// <summary>Small <c>.study</c> texts shared by the driver tests and the <c>dotnet build</c> test.</summary>
internal static class TestStudies
{
    /// <summary>
    /// Three unambiguous mistakes, one per line: an unknown declaration keyword (syntax), an
    /// unknown column in an outcome and an unknown group in a comparison (binding).
    /// </summary>
    public const string ThreeMistakes = """
        study Bad {
          table subjects from "subjects.csv" key id {
            id: text
            age: number
          }
          frobnicate "this is not a declaration"
          groups {
            Young "Young" : age < 18
            Old "Old" : age >= 18
          }
          outcome Weight "Weight": continuous weight
          compare age: Middle vs each using mann_whitney
        }

        """;

    /// <summary>
    /// Where each mistake of <see cref="ThreeMistakes"/> is, and its ID: the parser's PL1002
    /// (expected a declaration), the binder's PL2003 (unknown column) and PL2023 (unknown group).
    /// </summary>
    public static IReadOnlyList<(LinePosition Position, string IdPattern, string What)> ThreeMistakesExpected { get; } =
    [
        (TextPositions.Of(ThreeMistakes, "  ", "frobnicate"), "PL1002", "unknown declaration keyword"),
        (TextPositions.Of(ThreeMistakes, "continuous ", "weight"), "PL2003", "unknown column"),
        (TextPositions.Of(ThreeMistakes, "compare age: ", "Middle"), "PL2023", "unknown group"),
    ];

    /// <summary>A label that would end a C# string and call a method if it were pasted into code.</summary>
    public const string InjectedLabel = """x"); System.Environment.Exit(1); //""";

    /// <summary>A valid study whose column label and group label are <see cref="InjectedLabel"/>.</summary>
    public const string LabelInjection = """
        study Inject {
          table subjects from "subjects.csv" key id {
            id: text
            age: number label "x\"); System.Environment.Exit(1); //"
          }
          groups {
            Minors "x\"); System.Environment.Exit(1); //" : age < 18
            Adults "Adults" : age >= 18
          }
          describe age by group
        }

        """;

    /// <summary>A small valid study.</summary>
    public static string Valid(string name = "Small") => $$"""
        study {{name}} {
          table subjects from "subjects.csv" key id {
            id: text
            age: number unit "years" range 0..120 label "Age"
          }
          groups {
            Minors "Minors" : age < 18
            Adults "Adults" : age >= 18
          }
          describe age by group
        }

        """;
}
