using System.Text.Json;

namespace Steunpunt.Bench.Chat;

/// <summary>What visitors type: short and long lines in Dutch, each also ready as a request body.</summary>
public static class MessageTexts
{
    public static readonly IReadOnlyList<string> All =
    [
        "Hallo?",
        "Ja.",
        "Dank u.",
        "Ik weet niet zo goed waar ik moet beginnen.",
        "Moet ik aangifte doen bij de politie, of kan dat later ook nog?",
        "Het is vorige week gebeurd, na het uitgaan. Ik heb het nog aan niemand verteld.",
        "Mijn fiets is gestolen en nu krijg ik ook nog rare berichten van iemand die zegt dat hij weet waar ik woon.",
        "Ik durf niet goed naar huis. Hij staat soms 's avonds bij de deur te wachten en mijn buren zeggen dat ze niets gezien hebben.",
        "Wat gebeurt er als ik aangifte doe? Krijgt hij dan te horen dat ik het was? Dat wil ik echt niet, dan wordt het alleen maar erger.",
        "Ik ben aangereden op de fiets, de bestuurder is doorgereden. Ik heb pijn in mijn schouder en ik weet niet of ik nog iets kan doen " +
        "nu het al drie dagen geleden is. De huisarts zei dat ik contact met jullie moest opnemen.",
        "Sorry, ik moest even huilen.",
        "Oké, dat helpt. Kunt u mij ook vertellen welke hulp er is voor mijn dochter? Zij was erbij en slaapt sindsdien slecht.",
    ];

    /// <summary><c>{"text": …}</c> as UTF-8, per text.</summary>
    public static readonly IReadOnlyList<byte[]> Bodies = All.Select(t => JsonSerializer.SerializeToUtf8Bytes(new { text = t })).ToList();
}
