//! Which shop the demo store is: the US shop (USD, English catalog), a German one (EUR,
//! German catalog) or a Swedish one (SEK, Swedish catalog). Product ids, SKUs and barcodes
//! are the same in all three; titles, currency, timezone and address follow the country.

use serde_json::{json, Value};

/// The country the demo shop is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shop {
    /// Portland, USD, English.
    #[default]
    Us,
    /// Berlin, EUR, German.
    Germany,
    /// Stockholm, SEK, Swedish.
    Sweden,
}

impl Shop {
    /// `us`, `de` or `sv` (also `en`, `se`); `None` for anything else.
    pub fn parse(code: &str) -> Option<Shop> {
        match code.trim().to_ascii_lowercase().as_str() {
            "us" | "en" | "en-us" => Some(Shop::Us),
            "de" | "de-de" | "germany" => Some(Shop::Germany),
            "sv" | "se" | "sv-se" | "sweden" => Some(Shop::Sweden),
            _ => None,
        }
    }

    /// The shop's name.
    pub fn name(self) -> &'static str {
        match self {
            Shop::Us => "Counterpay Demo Shop",
            Shop::Germany => "Counterpay Demo-Laden",
            Shop::Sweden => "Counterpay Demobutik",
        }
    }

    /// The currencies it sells in, its own first (the counter charges in the first).
    pub fn currencies(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Shop::Us => &[("USD", "US Dollar"), ("EUR", "Euro")],
            Shop::Germany => &[("EUR", "Euro"), ("USD", "US Dollar")],
            Shop::Sweden => &[("SEK", "Svensk krona"), ("EUR", "Euro")],
        }
    }

    /// Its own currency.
    pub fn currency(self) -> &'static str {
        self.currencies()[0].0
    }

    /// The catalog's language.
    pub fn language(self) -> (&'static str, &'static str) {
        match self {
            Shop::Us => ("en", "English"),
            Shop::Germany => ("de", "Deutsch"),
            Shop::Sweden => ("sv", "Svenska"),
        }
    }

    /// IANA timezone.
    pub fn timezone(self) -> &'static str {
        match self {
            Shop::Us => "America/Los_Angeles",
            Shop::Germany => "Europe/Berlin",
            Shop::Sweden => "Europe/Stockholm",
        }
    }

    /// `contact_address` in the contract's shape.
    pub fn address(self) -> Value {
        let (line1, city, postcode, state, country, phone) = match self {
            Shop::Us => ("12 Market Street", "Portland", "97204", "OR", "US", "+1 503 555 0100"),
            Shop::Germany => ("Marktstraße 12", "Berlin", "10178", "", "DE", "+49 30 5555 0100"),
            Shop::Sweden => ("Storgatan 12", "Stockholm", "111 51", "", "SE", "+46 8 555 010 00"),
        };
        json!({
            "city": city, "company_name": self.name(), "country": country, "line1": line1, "line2": "",
            "phone_number": phone, "postcode": postcode, "state": state
        })
    }

    /// The catalog title of demo product `index` (the English one for the US shop).
    pub(crate) fn title(self, index: usize, english: &'static str) -> &'static str {
        match self {
            Shop::Us => english,
            Shop::Germany => DE_TITLES.get(index).copied().unwrap_or(english),
            Shop::Sweden => SV_TITLES.get(index).copied().unwrap_or(english),
        }
    }

    /// A variant's option in the shop's language (sizes stay as they are).
    pub(crate) fn option(self, english: &'static str) -> &'static str {
        let column = match self {
            Shop::Us => return english,
            Shop::Germany => 1,
            Shop::Sweden => 2,
        };
        OPTIONS.iter().find(|row| row[0] == english).map(|row| row[column]).unwrap_or(english)
    }
}

const DE_TITLES: &[&str] = &[
    "Bio-Baumwoll-T-Shirt",
    "Canvas-Tasche für jeden Tag",
    "Merinowolle-Mütze",
    "Lammwollschal",
    "Anstecknadel-Set",
    "Keramik-Kaffeefilter",
    "Kaffeebohnen aus einer Herkunft 250 g",
    "Papierfilter (100)",
    "Steingutbecher",
    "Grüner Tee lose 100 g",
    "Glasteekanne 800 ml",
    "Leinenservietten (4er-Set)",
    "Servierbrett aus Olivenholz",
    "Bienenwachskerze",
    "Kerzenhalter aus Messing",
    "Notizbuch A5 gepunktet",
    "Füllfederhalter",
    "Tintenpatronen (6)",
    "Kartenetui aus Leder",
    "Schlüsselring",
    "Sonnenbrille Klassik",
    "Mikrofaser-Brillentuch",
    "Laufsocken (2 Paar)",
    "Sport-Trinkflasche",
    "Natürlicher Lippenbalsam",
    "Handcreme 75 ml",
    "Festes Shampoo",
    "Bambuszahnbürste",
    "Kabellose Ohrhörer",
    "USB-C-Kabel 1 m",
    "Handyständer",
    "Puzzle 1000 Teile",
    "Spielkarten",
    "Geschenkkarten-Umschlag",
    "Geschenkpapierrolle",
    "Blumentopf Terrakotta",
    "Zimmerpflanzendünger",
    "Monatliches Kaffee-Abo",
];

const SV_TITLES: &[&str] = &[
    "T-shirt i ekologisk bomull",
    "Tygkasse för vardagen",
    "Mössa i merinoull",
    "Halsduk i lammull",
    "Pinssats i emalj",
    "Kaffefilterhållare i keramik",
    "Kaffebönor från ett ursprung 250 g",
    "Pappersfilter (100)",
    "Mugg i stengods",
    "Löst grönt te 100 g",
    "Tekanna i glas 800 ml",
    "Linneservetter (4-pack)",
    "Serveringsbräda i olivträ",
    "Bivaxljus",
    "Ljusstake i mässing",
    "Anteckningsbok A5 prickad",
    "Reservoarpenna",
    "Bläckpatroner (6)",
    "Korthållare i läder",
    "Nyckelring",
    "Solglasögon Klassisk",
    "Putsduk i mikrofiber",
    "Löparstrumpor (2 par)",
    "Vattenflaska för sport",
    "Naturligt läppbalsam",
    "Handkräm 75 ml",
    "Schampokaka",
    "Tandborste i bambu",
    "Trådlösa hörlurar",
    "USB-C-kabel 1 m",
    "Mobilställ",
    "Pussel 1000 bitar",
    "Spelkort",
    "Kuvert för presentkort",
    "Presentpappersrulle",
    "Kruka i terrakotta",
    "Växtnäring för krukväxter",
    "Kaffeprenumeration varje månad",
];

/// English, German, Swedish.
const OPTIONS: &[[&str; 3]] = &[
    ["Charcoal", "Anthrazit", "Koksgrå"],
    ["Forest", "Waldgrün", "Skogsgrön"],
    ["Rust", "Rost", "Rost"],
    ["Grey", "Grau", "Grå"],
    ["Navy", "Marine", "Marinblå"],
    ["Ethiopia", "Äthiopien", "Etiopien"],
    ["Colombia", "Kolumbien", "Colombia"],
    ["Guatemala", "Guatemala", "Guatemala"],
    ["Sand", "Sand", "Sand"],
    ["Slate", "Schiefer", "Skiffer"],
    ["Moss", "Moos", "Mossa"],
    ["Oat", "Hafer", "Havre"],
    ["Indigo", "Indigo", "Indigo"],
    ["Small", "Klein", "Liten"],
    ["Medium", "Mittel", "Mellan"],
    ["Large", "Groß", "Stor"],
    ["Black", "Schwarz", "Svart"],
    ["Terracotta", "Terrakotta", "Terrakotta"],
    ["Sage", "Salbei", "Salvia"],
    ["Fine", "Fein", "Fin"],
    ["Blue", "Blau", "Blå"],
    ["Tan", "Hellbraun", "Ljusbrun"],
    ["Tortoise", "Schildpatt", "Sköldpadd"],
    ["Lavender", "Lavendel", "Lavendel"],
    ["Unscented", "Unparfümiert", "Oparfymerad"],
    ["White", "Weiß", "Vit"],
    ["Kraft", "Kraftpapier", "Kraftpapper"],
    ["Floral", "Blumen", "Blommor"],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_product_has_a_german_and_a_swedish_title() {
        assert_eq!(DE_TITLES.len(), 38);
        assert_eq!(SV_TITLES.len(), 38);
        assert_eq!(Shop::parse("DE"), Some(Shop::Germany));
        assert_eq!(Shop::parse("se"), Some(Shop::Sweden));
        assert_eq!(Shop::parse("fr"), None);
        assert_eq!(Shop::Sweden.option("Black"), "Svart");
        assert_eq!(Shop::Germany.option("M"), "M");
    }
}
