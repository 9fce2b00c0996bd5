// Prints what the generator made of smoke.study; scripts/pack-smoke.sh compares it with expected-output.txt.
using System;
using System.Linq;
using ProtocolLang.Studies.Smoke;

Console.WriteLine("tables: " + string.Join(", ", SmokeStudy.Schema.Tables.Select(table => table.Name)));
Console.WriteLine("groups: " + string.Join(", ", Enum.GetNames<SmokeGroup>()));
