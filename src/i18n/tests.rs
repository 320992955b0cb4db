use super::*;

/// `fill` as it was: one `replace` per name.
fn fill_by_names(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[test]
fn filling_in_one_pass_gives_what_filling_name_by_name_gives() {
    let pieces = ["{", "}", "{a}", "{b}", "{n}", "{a", "b}", "a", "b", "x", " ", "«", "{}", "{a-b}", "{{a}", ""];
    let values = ["", "v", "{b}", "}", "{", "w w", "{a}", "«»"];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut once = 0;
    for _ in 0..50_000 {
        let template: String = (0..next() % 6).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
        let args = [("a", values[(next() % values.len() as u64) as usize]), ("b", values[(next() % values.len() as u64) as usize]), ("a", "second")];
        let args = &args[..(next() % 4) as usize];
        assert_eq!(fill(&template, args), fill_by_names(&template, args), "{template:?} {args:?}");
        once += usize::from(fill_once(&template, args).is_some());
    }
    assert!(once > 10_000, "{once}");
    assert_eq!(fill_once("Lesson {current} of {total}", &[("current", "2"), ("total", "7")]).as_deref(), Some("Lesson 2 of 7"));
}

fn table(text: &str) -> Table {
    parse_table(text, Path::new("x.yaml"), &mut Diagnostics::new())
}

#[test]
fn override_fallback_and_plurals() {
    let s = Strings::new("en", table("next: Onwards\n"), Table::new(), "en");
    assert_eq!(s.get("next"), "Onwards");
    assert_eq!(s.get("previous"), "Previous");
    assert_eq!(s.count("lessons", 1), "1 lesson");
    assert_eq!(s.count("lessons", 7), "7 lessons");
    assert_eq!(s.format("lesson_position", &[("current", "2"), ("total", "7")]), "Lesson 2 of 7");
}

#[test]
fn a_fallback_string_knows_its_language() {
    // pl has no built-in strings: its own file's keys are Polish, the rest the default
    // language's (Italian, or Persian right to left), then English.
    let pl = Strings::new("pl", table("next: Dalej\n"), table("my_banner: Benvenuti\n"), "it");
    assert_eq!(pl.lang_of("next"), None);
    assert_eq!(pl.mark("next"), "");
    assert_eq!(pl.lang_of("previous"), Some(("it", "ltr")));
    assert_eq!(pl.mark("previous"), " lang=\"it\" dir=\"ltr\"");
    assert_eq!(pl.lang_of("my_banner"), Some(("it", "ltr")));
    assert_eq!(pl.html("previous"), "<span lang=\"it\" dir=\"ltr\">Precedente</span>");
    assert_eq!(pl.html("next"), "Dalej");
    assert_eq!(pl.format_html("previous", &[]), "<span lang=\"it\" dir=\"ltr\">Precedente</span>");
    assert_eq!(pl.format_html("percent", &[("percent", "5")]), "5%", "punctuation is not marked");
    assert_eq!(pl.wrap("previous", "<b>x</b>".into()), "<span lang=\"it\" dir=\"ltr\"><b>x</b></span>");
    assert_eq!(pl.wrap("next", "<b>x</b>".into()), "<b>x</b>");
    assert!(pl.falls_back());
    assert_eq!(pl.all_marks().get("skip_to_content").map(String::as_str), Some(" lang=\"it\" dir=\"ltr\""));
    assert_eq!(pl.script_mark("previous"), "it ltr");
    assert_eq!(pl.all_script_marks().get("next").map(String::as_str), Some(""));
    let fa_default = Strings::new("pl", Table::new(), Table::new(), "fa").with_default_direction("rtl");
    assert_eq!(fa_default.lang_of("next"), Some(("fa", "rtl")));
    assert_eq!(fa_default.script_mark("next"), "fa rtl");
    // A default language without built-in strings falls back to English, for itself too.
    let sv = Strings::new("sv", Table::new(), Table::new(), "sv").with_default_direction("ltr");
    assert_eq!(sv.lang_of("next"), Some(("en", "ltr")));
    let pl_sv = Strings::new("pl", Table::new(), table("next: Nästa\n"), "sv");
    assert_eq!((pl_sv.lang_of("next"), pl_sv.lang_of("previous")), (Some(("sv", "ltr")), Some(("en", "ltr"))));
    // Built-in languages and regional codes have every string of their own.
    for (code, default) in [("fa", "it"), ("it", "it"), ("pt-BR", "it"), ("en-GB", "sv")] {
        let s = Strings::new(code, Table::new(), Table::new(), default);
        assert!(!s.falls_back() && s.all_marks().values().all(String::is_empty), "{code}");
    }
}

#[test]
fn slavic_plurals_use_cldr_categories() {
    let cs = table("lessons:\n  one: \"{n} lekce\"\n  few: \"{n} lekce\"\n  many: \"{n} lekce\"\n  other: \"{n} lekcí\"\n");
    let s = Strings::new("cs", cs, Table::new(), "en");
    assert_eq!(s.count("lessons", 3), "3 lekce");
    assert_eq!(s.count("lessons", 5), "5 lekcí");
}

#[test]
fn every_builtin_language_parses_and_has_every_key() {
    let en = builtin("en");
    for (code, text) in BUILTIN {
        let table: Table = yaml::parse(text, 1).unwrap_or_else(|e| panic!("i18n/{code}.yaml:{}:{}: {}", e.line, e.col, e.message));
        let missing: Vec<&String> = en.keys().filter(|k| !table.contains_key(*k)).collect();
        assert!(missing.is_empty(), "i18n/{code}.yaml lacks {missing:?}");
        for (key, entry) in &table {
            let placeholders = |s: &str| -> Vec<String> {
                let mut v: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).map(String::from).collect();
                v.sort();
                v.dedup();
                v
            };
            if let (Some(Entry::Text(mine)), Some(Entry::Text(orig))) = (Some(entry), en.get(key)) {
                assert_eq!(placeholders(mine), placeholders(orig), "i18n/{code}.yaml `{key}` placeholders");
            }
        }
    }
}

#[test]
fn a_regional_code_gets_its_language_built_in() {
    // pt-BR is Portuguese, whatever the case or separator; a language kyklos has no strings
    // of falls back to the default language, then to English.
    let pt = builtin("pt");
    for code in ["PT", "pt-PT", "pt_AO"] {
        let s = Strings::new(code, Table::new(), Table::new(), code);
        assert_eq!(Some(&Entry::Text(s.get("next"))), pt.get("next"), "{code}");
        assert!(s.missing_keys().is_empty(), "{code}");
    }
    let sv = Strings::new("sv", Table::new(), Table::new(), "pt-PT");
    assert_eq!(Some(&Entry::Text(sv.get("next"))), pt.get("next"));
    assert!(!sv.missing_keys().is_empty());
    assert!(!Strings::new("ptx", Table::new(), Table::new(), "ptx").missing_keys().is_empty(), "no prefix match on a longer code");
}

#[test]
fn brazilian_portuguese_has_its_own_strings_over_portuguese() {
    // Brazilian usage where it differs ("Próximo", "arquivo", "salvar", "você", the
    // gerund), European Portuguese for the rest, all of it the page's own language.
    for code in ["pt-BR", "pt_br", "PT-br"] {
        let s = Strings::new(code, Table::new(), Table::new(), "en");
        assert_eq!(s.get("next"), "Próximo", "{code}");
        assert_eq!(s.get("search_loading"), "Pesquisando…");
        assert_eq!(s.get("media_download"), "Baixar ({size})");
        assert_eq!(s.get("your_answer"), "Sua resposta");
        assert_eq!(s.count("lessons", 2), "2 lições", "from Portuguese");
        assert_eq!(s.get("previous"), "Anterior", "from Portuguese");
        assert!(s.missing_keys().is_empty() && !s.falls_back(), "{code}");
        assert_eq!(s.lang, code, "the code as written");
    }
    let pt = Strings::new("pt", Table::new(), Table::new(), "pt-BR");
    assert_eq!(pt.get("next"), "Seguinte", "a European Portuguese page of a Brazilian site");
    // Other languages' pages of a Brazilian site lend its Brazilian strings.
    let sv = Strings::new("sv", Table::new(), Table::new(), "pt-BR");
    assert_eq!((sv.get("next"), sv.lang_of("next")), ("Próximo".to_string(), Some(("pt-BR", "ltr"))));
    // No word of a European spelling in any Brazilian string the region writes or takes.
    let all = Strings::new("pt-BR", Table::new(), Table::new(), "pt-BR").all_plain();
    for word in ["ficheiro", "sítio", "registo", "guardar", "ecrã", "utilizador", "telemóvel", "secção", "contacto", "descarregar", "transfira", "«"] {
        let found: Vec<&String> = all.iter().filter(|(k, v)| !k.starts_with("eu_") && v.to_lowercase().contains(word)).map(|(k, _)| k).collect();
        assert!(found.is_empty(), "{word} in {found:?}");
    }
}

#[test]
fn every_regional_file_writes_only_keys_its_language_writes_otherwise() {
    let en = builtin("en");
    for (code, language, text) in REGIONAL {
        let own: Table = yaml::parse(text, 1).unwrap_or_else(|e| panic!("i18n/{code}.yaml:{}:{}: {}", e.line, e.col, e.message));
        let base = builtin(language);
        assert!(!own.is_empty() && !base.is_empty(), "{code}");
        for (key, entry) in &own {
            assert!(en.contains_key(key), "i18n/{code}.yaml `{key}` is not a key");
            assert_ne!(Some(entry), base.get(key), "i18n/{code}.yaml `{key}` is {language}'s already");
            if let (Entry::Text(mine), Some(Entry::Text(orig))) = (entry, en.get(key)) {
                let braces = |s: &str| s.split('{').skip(1).filter_map(|p| p.split('}').next()).map(String::from).collect::<std::collections::BTreeSet<_>>();
                assert_eq!(braces(mine), braces(orig), "i18n/{code}.yaml `{key}` placeholders");
            }
        }
    }
}

#[test]
fn counts_by_kind_in_every_builtin_language() {
    for (code, _) in BUILTIN {
        let s = Strings::new(code, Table::new(), Table::new(), code);
        for key in ["courses", "modules", "lessons", "guides", "phases", "units", "practices"] {
            for n in [0, 1, 2, 3, 11, 100] {
                let text = s.count(key, n);
                assert!(!text.is_empty() && text != key, "{code} {key} {n}: {text:?}");
            }
        }
    }
    let ar = Strings::new("ar", Table::new(), Table::new(), "ar");
    assert_eq!(ar.count("guides", 3), "3 أدلة");
    assert_eq!(ar.count("units", 1), "وحدة تدريبية واحدة");
    let el = Strings::new("el", Table::new(), Table::new(), "el");
    assert_eq!(el.count("phases", 5), "5 φάσεις");
}

#[test]
fn fractions_take_their_own_plural_form() {
    let points = |code: &str, x: f64| Strings::new(code, Table::new(), Table::new(), code).plural("points", x, &[]);
    assert_eq!(points("uk", 1.0), "1 бал");
    assert_eq!(points("uk", 3.0), "3 бали");
    assert_eq!(points("uk", 5.0), "5 балів");
    assert_eq!(points("uk", 1.5), "1,5 бала");
    assert_eq!(points("cs", 0.5), "0,5 bodu");
    assert_eq!(points("de", 1.5), "1,5 Punkte");
    assert_eq!(points("fr", 1.5), "1,5 point");
    assert_eq!(points("en", 2.25), "2.25 points");
    assert_eq!(points("en", 1.0), "1 point");
}

#[test]
fn a_form_taken_from_another_language_follows_that_languages_plural_rules() {
    // Hebrew without `questions` on an Arabic-default site shows Arabic: 3 to 10 take
    // Arabic's `few` form ("3 أسئلة"), though Hebrew's rules call 3 `other`.
    let he = Strings::new("he", table("lessons:\n  one: \"שיעור אחד\"\n  other: \"{n} שיעורים\"\n"), Table::new(), "ar");
    assert_eq!(he.count("questions", 3), "3 أسئلة");
    assert_eq!(he.count("questions", 8), "8 أسئلة");
    assert_eq!(he.count("questions", 0), "لا توجد أسئلة");
    assert_eq!(he.count("questions", 11), "11 سؤالًا");
    assert_eq!(he.count("lessons", 3), "3 שיעורים", "the language's own forms keep its own rules");
    // Polish without strings on an English-default site: 1 is English `one`.
    let pl = Strings::new("pl", Table::new(), Table::new(), "en");
    assert_eq!(pl.count("lessons", 1), "1 lesson");
    assert_eq!(pl.count("lessons", 22), "22 lessons");
}

#[test]
fn a_number_in_a_borrowed_string_is_written_as_that_strings_language_writes_it() {
    // A Hebrew page (no strings of its own, "1.5") of a Ukrainian site reads Ukrainian
    // "1,5 бала"; a Turkish one ("1,5") of an English site English "1.5 points".
    let he = Strings::new("he", Table::new(), Table::new(), "uk");
    assert_eq!(he.plural("points", 1.5, &[]), "1,5 бала");
    assert_eq!(he.decimal("quiz_intro", 62.5), "62,5");
    let tr = Strings::new("tr", table("points:\n  other: \"{n} puan\"\n"), Table::new(), "en");
    assert_eq!(tr.plural("points", 1.5, &[]), "1,5 puan", "its own string: its own separator");
    assert_eq!(tr.count("questions", 2), "2 questions");
    assert_eq!(tr.decimal("quiz_intro", 62.5), "62.5");
    assert_eq!(tr.decimal("no_such_key", 62.5), "62,5", "the page's own");
}

#[test]
fn the_points_line_agrees_with_its_maximum_in_every_language() {
    // "{score} of {max} points": the noun follows {max}; {score} is written by the caller.
    let line = |code: &str, score: &str, max: f64| {
        let s = Strings::new(code, Table::new(), Table::new(), code);
        s.plural("quiz_points", max, &[("score", score), ("max", &crate::numbers::decimal(max, code))])
    };
    assert_eq!(line("en", "0.5", 1.0), "0.5 of 1 point");
    assert_eq!(line("en", "1", 3.0), "1 of 3 points");
    assert_eq!(line("de", "0,5", 1.0), "0,5 von 1 Punkt");
    assert_eq!(line("de", "1", 2.5), "1 von 2,5 Punkten");
    assert_eq!(line("uk", "0,33", 1.0), "0,33 з 1 бала");
    assert_eq!(line("uk", "1", 3.0), "1 з 3 балів");
    assert_eq!(line("uk", "1", 5.0), "1 з 5 балів");
    assert_eq!(line("uk", "1", 1.5), "1 з 1,5 бала");
    assert_eq!(line("cs", "0,5", 1.0), "0,5 z 1 bodu");
    assert_eq!(line("cs", "2", 4.0), "2 z 4 bodů");
    assert_eq!(line("cs", "1", 1.5), "1 z 1,5 bodu");
    assert_eq!(line("fr", "0,5", 1.0), "0,5 sur 1 point");
    assert_eq!(line("fr", "1", 4.0), "1 sur 4 points");
    assert_eq!(line("pt", "0,5", 1.0), "0,5 de 1 ponto");
    assert_eq!(line("es", "0,5", 2.0), "0,5 de 2 puntos");
    assert_eq!(line("it", "0,5", 1.0), "0,5 su 1 punto");
    assert_eq!(line("el", "0,5", 1.0), "0,5 από 1 μονάδα");
    assert_eq!(line("el", "0,5", 2.0), "0,5 από 2 μονάδες");
    assert_eq!(line("fa", "0.5", 1.0), "0.5 از 1 امتیاز");
    assert_eq!(line("ar", "0.5", 3.0), "النقاط: 0.5 من 3");
    for (code, _) in BUILTIN {
        for max in [0.5, 1.0, 2.0, 3.0, 5.0, 11.0, 21.0, 100.0, 1.5] {
            let text = line(code, "0", max);
            assert!(!text.contains('{') && text.contains(&crate::numbers::decimal(max, code)), "{code} {max}: {text}");
        }
    }
}

#[test]
fn verdicts_cannot_be_read_as_true_false_options() {
    // "✗ Falsch … Richtige Antwort: Falsch": a verdict must share no word (nor the start of
    // one: Σωστό/Σωστή, صح/صحيحة, Неправда/Неправильно) with the options True and False.
    let stems = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase().chars().take(4).collect()).collect()
    };
    for (code, _) in BUILTIN {
        let s = Strings::new(code, Table::new(), Table::new(), code);
        let options: Vec<String> = ["answer_true", "answer_false"].iter().flat_map(|k| stems(&s.get(k))).collect();
        for key in ["quiz_correct", "quiz_incorrect", "quiz_partly"] {
            let verdict = s.get(key);
            let looks_like = |w: &String| options.iter().any(|o| w.starts_with(o.as_str()));
            assert!(!stems(&verdict).iter().any(looks_like), "{code}: `{key}` {verdict:?} looks like an option ({options:?})");
        }
    }
}

#[test]
fn a_misspelt_key_is_a_warning_at_its_line() {
    let text = "next: Dalej\nnxet: بعدی\ntag_group_land: Land\nmy_theme_banner: Hello\n";
    let mut d = Diagnostics::new();
    let table = parse_table(text, Path::new("i18n/fa.yaml"), &mut d);
    misspelt_keys(text, &table, Path::new("i18n/fa.yaml"), &mut d);
    let shown: Vec<String> = d.iter().map(|x| format!("{}:{} {} {}", x.line, x.col, x.message, x.hint.clone().unwrap_or_default())).collect();
    assert_eq!(shown, ["2:1 `nxet` is not one of kyklos's interface strings, so it changes nothing did you mean `next`?"]);
}

#[test]
fn broken_file_is_reported_with_position() {
    let mut d = Diagnostics::new();
    parse_table("next: [a\n", Path::new("i18n/en.yaml"), &mut d);
    assert!(d.has_errors());
}

#[test]
fn punctuation_a_language_lacks_is_its_scripts_or_else_the_plain_one_and_never_marked() {
    // A Hebrew page of an Arabic site, i18n/he.yaml without punctuation: Hebrew items were
    // joined by Arabic's "، " (and "50٪" marked Arabic); Hebrew writes ", " and "50%".
    let he = Strings::new("he", table("next: הבא\n"), Table::new(), "ar").with_default_direction("rtl");
    assert_eq!(he.get("list_separator"), ", ");
    assert_eq!(he.get("answers_separator"), "; ");
    assert_eq!(he.format_html("percent", &[("percent", "50")]), "50%");
    assert_eq!(he.mark("list_separator"), "");
    assert_eq!(he.all_plain().get("list_separator").map(String::as_str), Some(", "), "the table templates and page writers read");
    assert!(he.mark("previous").contains("lang=\"ar\""), "words are still borrowed, and marked");
    // A passage in Arabic on that page keeps Arabic's.
    assert_eq!(he.get_in("answers_separator", "ar"), "؛ ");
    // A language of the same script borrows the default language's: Dari and Urdu of a
    // Persian site, a regional variant.
    for code in ["prs", "ur", "fa-AF"] {
        let s = Strings::new(code, Table::new(), Table::new(), "fa").with_default_direction("rtl");
        assert_eq!((s.get("list_separator").as_str(), s.get("percent").as_str(), s.mark("percent").as_str()), ("، ", "{percent}٪", ""), "{code}");
    }
    // Turkish of a Persian site, Polish of a Greek one: the plain punctuation, not "، " or "· ".
    let tr = Strings::new("tr", table("tagged: \"{tag} etiketli\"\n"), Table::new(), "fa").with_default_direction("rtl");
    assert_eq!((tr.get("list_separator").as_str(), tr.get("answers_separator").as_str()), (", ", "; "));
    let pl = Strings::new("pl", Table::new(), Table::new(), "el");
    assert_eq!(pl.get("answers_separator"), "; ");
    // The default language's own site strings are its words: the same rule.
    let he_site = Strings::new("he", Table::new(), table("list_separator: \" ، \"\n"), "ar");
    assert_eq!(he_site.get("list_separator"), ", ");
}

#[test]
fn a_separator_is_taken_in_the_language_of_the_passage_it_joins() {
    // A Persian page of a Ukrainian site: the Persian strings' own "؛ ", the Ukrainian "; ".
    let fa = Strings::new("fa", Table::new(), Table::new(), "uk");
    assert_eq!(fa.get("answers_separator"), "؛ ");
    assert_eq!(fa.get_in("answers_separator", "uk"), "; ");
    assert_eq!(fa.get_in("answers_separator", "fa"), "؛ ");
    // A language without strings of its own reads the default language's sentences, English
    // where that has none; the separator inside them is theirs.
    let tr = Strings::new("tr", table("tagged: \"{tag} etiketli\"\n"), Table::new(), "fa");
    assert_eq!(tr.get_like("answers_separator", "cycle_description"), "؛ ");
    assert_eq!(tr.get_like("answers_separator", "tagged"), tr.get("answers_separator"));
    let sv = Strings::new("sv", Table::new(), table("answers_separator: \" · \"\n"), "el");
    assert_eq!(sv.get_like("answers_separator", "cycle_description"), " · ", "the site's own string for the default language");
    assert_eq!(sv.get_in("answers_separator", "en"), "; ");
    // A language the strings are not in: the usual text.
    assert_eq!(fa.get_in("answers_separator", "de"), "؛ ");
}

#[test]
fn french_strings_keep_their_punctuation_on_the_line_and_use_typographic_apostrophes() {
    // French puts a space before `: ; ! ? %` and inside « »; an ordinary space there lets a
    // line break strand the sign at the start of a line ("Résultat" / ": 80 %").
    let text = BUILTIN.iter().find(|b| b.0 == "fr").map(|b| b.1).unwrap_or_default();
    let mut faults = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with('#')) {
        let value = line.split_once(": ").map_or("", |(_, v)| v);
        let chars: Vec<char> = value.chars().collect();
        for (i, pair) in chars.windows(2).enumerate() {
            let breaks_before = pair[0] == ' ' && matches!(pair[1], ':' | ';' | '!' | '?' | '%' | '»');
            let breaks_after = pair[0] == '«' && pair[1] == ' ';
            let straight = pair[1] == '\'' && pair[0].is_alphabetic() && chars.get(i + 2).is_some_and(|c| c.is_alphabetic());
            if breaks_before || breaks_after || straight {
                faults.push(format!("i18n/fr.yaml:{}: {value}", n + 1));
                break;
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    // The correct options a quiz reveals are joined with " ; ", its space kept before it too.
    let fr = Strings::new("fr", Table::new(), Table::new(), "fr");
    assert_eq!(fr.get("answers_separator"), "\u{a0}; ");
    // and the footer's "Auteurs : …", as its label ends.
    assert_eq!(fr.get("label_separator"), "\u{a0}: ");
}

#[test]
fn a_date_is_written_as_the_language_of_its_sentence_writes_dates() {
    let fr = Strings::new("fr", Table::new(), Table::new(), "fr");
    assert_eq!(fr.date("a11y_prepared", "2026-12-04").as_deref(), Some("4 décembre 2026"));
    let uk = Strings::new("uk", Table::new(), Table::new(), "en");
    assert_eq!(uk.date("a11y_prepared", "2026-03-21").as_deref(), Some("21 березня 2026 р."));
    let de = Strings::new("de", Table::new(), Table::new(), "en");
    assert_eq!(de.date("a11y_prepared", "2026-01-09").as_deref(), Some("9. Januar 2026"));
    // An Urdu page of a French site: the French sentence writes a French date; with its own
    // sentence but no months of its own, Urdu shows the date as written.
    let ur = Strings::new("ur", Table::new(), Table::new(), "fr");
    assert_eq!(ur.date("a11y_prepared", "2026-12-04").as_deref(), Some("4 décembre 2026"));
    let own = Strings::new("ur", table("a11y_prepared: \"یہ بیان {date} کو تیار کیا گیا۔\"\n"), Table::new(), "fr");
    assert_eq!(own.date("a11y_prepared", "2026-12-04"), None);
    for odd in ["2026-13-04", "2026-12-32", "04.12.2026", "2026-1-4", "2026-12-04x", ""] {
        assert_eq!(fr.date("a11y_prepared", odd), None, "{odd}");
    }
}

#[test]
fn polish_counts_take_each_of_its_four_forms() {
    // A site's own i18n/pl.yaml (Polish has no built-in strings): one, few, many, other.
    let pl = Strings::new("pl", table("lessons:\n  one: \"{n} lekcja\"\n  few: \"{n} lekcje\"\n  many: \"{n} lekcji\"\n  other: \"{n} lekcji\"\npoints:\n  one: \"{n} punkt\"\n  few: \"{n} punkty\"\n  many: \"{n} punktów\"\n  other: \"{n} punktu\"\n"), Table::new(), "fr");
    let shown: Vec<String> = [1, 2, 5, 12, 22, 25].iter().map(|&n| pl.count("lessons", n)).collect();
    assert_eq!(shown, ["1 lekcja", "2 lekcje", "5 lekcji", "12 lekcji", "22 lekcje", "25 lekcji"]);
    assert_eq!(pl.plural("points", 1.5, &[]), "1,5 punktu");
    assert_eq!(pl.plural("points", 22.0, &[]), "22 punkty");
}
