//! Interface strings a language lacks, shown in another language, say which one (WCAG 3.1.2)
//! wherever kyklos writes them: the media player's and video placeholder's labels, the labels
//! of a phone's table cards, a file credit's sentence, a site page's title in the breadcrumbs
//! and attribution, the strings handed to scripts; and the printed certificate page says what
//! it is before the certificate is earned. The site: Swedish, the default language, has no
//! interface strings (English shows), German and Arabic have theirs, Polish has none (the
//! default language's: English too).

mod common;

use common::*;

fn swedish_default() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "title: Webbplats\nlanguages:\n  - sv\n  - de\n  - code: ar\n    direction: rtl\n  - code: pl\n    name: Polski\ntranslations:\n  de: { title: Webseite }\n  ar: { title: موقع }\n  pl: { title: Strona }\n",
    );
    let lesson = "Text.\n\n![En film](film.webm)\n\n```video\nurl: https://www.youtube.com/watch?v=dQw4w9WgXcQ\ntitle: Intervju\nduration: 4 min\ntranscript: 01-forsta.md\n```\n\n![Karta](karta.png)\n";
    for (lang, course, first, second) in [
        ("sv", "Kurs", "Första lektionen", "Andra lektionen"),
        ("de", "Kurs", "Erste Lektion", "Zweite Lektion"),
        ("pl", "Kurs", "Pierwsza lekcja", "Druga lekcja"),
    ] {
        let m = format!("content/{lang}/01-kurs/01-mod");
        f.write(&format!("content/{lang}/index.md"), format!("---\ntitle: Start\n---\n[{course}](01-kurs/index.md).\n"));
        f.write(&format!("content/{lang}/01-kurs/index.md"), format!("---\ntitle: {course}\nkind: course\n---\nText.\n"));
        f.write(&format!("{m}/index.md"), "---\ntitle: Modul\nkind: module\n---\nText.\n");
        f.write(&format!("{m}/01-forsta.md"), format!("---\ntitle: {first}\n---\nText.\n"));
        f.write(&format!("{m}/02-andra.md"), format!("---\ntitle: {second}\n---\n{lesson}"));
        f.write(&format!("{m}/film.webm"), b"\x1a\x45\xdf\xa3 not really a video");
        f.write(&format!("{m}/film.{lang}.vtt"), "WEBVTT\n\n00:00.000 --> 00:01.000\nHej\n");
        f.write(&format!("{m}/film.transcript.md"), "Transkript.\n");
        f.write(&format!("{m}/karta.png"), b"\x89PNG\r\n\x1a\n");
        f.write(&format!("{m}/karta.png.yaml"), "title: Kartan\nauthor: Ana\nlicense: CC-BY-4.0\n");
    }
    f.write("content/ar/index.md", "---\ntitle: البداية\n---\nمرحبا.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

/// (lang, dir) of the element `css` matches in `doc`, where the text `text` is.
fn at(doc: &scraper::Html, css: &str, text: &str) -> (String, String) {
    let found = select(doc, css).into_iter().find(|e| self::text(e).contains(text)).unwrap_or_else(|| panic!("no `{css}` holding `{text}`"));
    lang_of(&found)
}

fn en() -> (String, String) {
    ("en".to_string(), "ltr".to_string())
}

#[test]
fn the_players_and_placeholders_labels_say_they_are_english() {
    let f = swedish_default();
    for lang in ["sv", "pl"] {
        let doc = f.html(&format!("{lang}/kurs/mod/andra.html"));
        assert_eq!(at(&doc, "figure.media-video video p span", "cannot play"), en(), "{lang}");
        assert_eq!(at(&doc, "figure.media-video video p a span", "Download"), en(), "{lang}");
        assert_eq!(at(&doc, "a.media-download", "Download"), en(), "{lang}");
        assert_eq!(at(&doc, "details.transcript summary span", "Transcript"), en(), "{lang}");
        assert_eq!(at(&doc, ".external-platform span", "Video on YouTube"), en(), "{lang}");
        assert_eq!(at(&doc, ".external-duration span", "Duration"), en(), "{lang}");
        assert_eq!(at(&doc, ".external-play span", "Play on YouTube"), en(), "{lang}");
        // A sentence long enough to wrap is marked on its paragraph.
        assert_eq!(at(&doc, ".external-privacy", "IP address"), en(), "{lang}");
        assert_eq!(at(&doc, ".external-transcript span", "Read the transcript"), en(), "{lang}");
        // The author's words keep the page's language; the line itself carries no mark (an RTL
        // mark there would move it to the other side).
        assert_eq!(lang_at(&doc, ".external-title"), lang);
        assert_eq!(select(&doc, ".external-platform")[0].value().attr("lang"), None);
    }
    // German has its own: no mark at all in the player.
    let de = f.read_out("de/kurs/mod/andra.html");
    let figures: String = de.split("<figure").skip(1).map(|s| s.split("</figure>").next().unwrap_or("")).collect();
    assert!(!figures.contains(" lang="), "{figures}");
}

#[test]
fn card_table_labels_a_language_lacks_are_elements_marked_with_their_language() {
    let f = swedish_default();
    for page in ["sv/progress.html", "sv/certificate.html", "sv/translation-status.html", "pl/progress.html", "sv/downloads.html"] {
        let html = f.read_out(page);
        let doc = scraper::Html::parse_document(&html);
        let labels = select(&doc, ".card-table td > .cell-label");
        assert!(!labels.is_empty(), "{page}: no written-out cell label");
        for l in labels {
            assert_eq!(lang_of(&l), en(), "{page}: {}", l.html());
            assert_eq!(l.value().attr("class"), Some("cell-label"));
        }
        assert!(select(&doc, ".card-table td[data-label]").is_empty(), "{page}: a data-label (shown by CSS, read in the page's language) is left");
    }
    let de = f.html("de/progress.html");
    assert!(select(&de, ".card-table .cell-label").is_empty());
    assert!(!select(&de, ".card-table td[data-label]").is_empty());
}

#[test]
fn a_file_credit_and_a_site_pages_title_say_which_language_they_are_in() {
    let f = swedish_default();
    // The credit's sentence is English ("“…” by Ana"), the credit's own title in it Swedish.
    for (lang, title) in [("sv", "Kartan"), ("pl", "Kartan")] {
        let credits = f.html(&format!("{lang}/credits.html"));
        let item = select(&credits, "ul.credits-list li").into_iter().find(|li| text(li).contains("Kartan")).expect("the file's credit");
        let sentence = item.select(&scraper::Selector::parse("span").unwrap()).next().expect("a span");
        assert_eq!(lang_of(&sentence), en(), "{lang}: {}", item.html());
        assert!(text(&sentence).contains(" by Ana"), "{}", item.html());
        let t = item.select(&scraper::Selector::parse("span span").unwrap()).find(|s| text(s) == title).expect("the title");
        assert_eq!(lang_of(&t).0, lang, "{lang}: {}", item.html());
    }
    // The title of a page kyklos writes, an English string: English in the breadcrumbs and in
    // the attribution line (not the page's language).
    for lang in ["sv", "pl"] {
        let credits = f.html(&format!("{lang}/credits.html"));
        assert_eq!(lang_of(&select(&credits, ".breadcrumbs [aria-current=page]")[0]), en(), "{lang}");
        assert_eq!(at(&credits, ".attribution-text span", "Credits"), en(), "{lang}");
        assert_eq!(lang_at(&credits, "h1"), "en");
    }
    let de = f.html("de/credits.html");
    assert_eq!(lang_at(&de, ".breadcrumbs [aria-current=page]"), "de");
}

#[test]
fn the_site_title_in_an_attribution_line_of_another_language_says_its_own() {
    // Polish and Swedish lack `attribution_line`: the sentence is English, the site's title in
    // it the page's ("Strona", "Webbplats"), and a screen reader must switch back for it.
    let f = swedish_default();
    for (lang, site) in [("pl", "Strona"), ("sv", "Webbplats")] {
        let page = f.html(&format!("{lang}/kurs/mod/forsta.html"));
        assert_eq!(lang_of(&select(&page, ".attribution-text")[0]), en(), "{lang}");
        let dir = "ltr".to_string();
        assert_eq!(at(&page, ".attribution-text span", site), (lang.to_string(), dir), "{lang}: {}", select(&page, ".attribution-text")[0].html());
    }
}

#[test]
fn strings_handed_to_scripts_carry_their_language() {
    let f = swedish_default();
    let journey = f.read_out("sv/journey-data.js");
    assert!(journey.contains("\"tl\":{") && journey.contains("\"progress_passed\":\"en ltr\""), "{journey}");
    assert!(!f.read_out("de/journey-data.js").contains("\"tl\":"), "German has its own strings");
    let lesson = f.read_out("sv/kurs/mod/forsta.html");
    assert!(lesson.contains("data-t-done-lang=\"en ltr\""), "{lesson}");
    assert!(lesson.contains("data-t-copied-lang=\"en ltr\""), "{lesson}");
    assert!(!f.read_out("de/kurs/mod/forsta.html").contains("-lang=\"en"));
}

#[test]
fn the_certificate_page_printed_before_it_is_earned_is_titled_as_the_progress_towards_it() {
    let f = swedish_default();
    let de = f.html("de/certificate.html");
    let heading = select(&de, ".cert-progress-heading");
    assert_eq!(heading.len(), 1);
    assert_eq!(text(&heading[0]), "Fortschritt zum Zertifikat");
    assert_eq!(at(&f.html("sv/certificate.html"), ".cert-progress-heading span", "Progress towards the certificate"), en());
    // Printed without the earned certificate, the page's own heading gives way to it.
    let css = std::fs::read_to_string(repo().join("themes/default/static/journey.css")).unwrap();
    assert!(css.contains("body.kind-certificate:not(.cert-earned) .page-head { display: none !important; }"), "journey.css");
}

#[test]
fn the_not_translated_notice_marks_the_language_names_it_holds() {
    // The Arabic notice "…معروض بلغته الأصلية (Svenska)" read the Swedish name of the
    // original's language unmarked; on a Polish page the notice is an English sentence
    // (neither Polish nor Swedish has strings) that held "Polski" and "Svenska" as English.
    let f = swedish_default();
    f.write("content/sv/90-om.md", "---\ntitle: Om oss\n---\nText.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let ar = f.html("ar/om.html");
    assert_eq!(at(&ar, ".translation-notice p span", "Svenska"), ("sv".to_string(), "ltr".to_string()));
    assert_eq!(lang_of(&select(&ar, ".translation-notice p")[0]), ("ar".to_string(), "rtl".to_string()), "the sentence is the page's");
    let pl = f.html("pl/om.html");
    assert_eq!(at(&pl, ".translation-notice p > span", "not been translated"), en(), "the sentence is English");
    assert_eq!(at(&pl, ".translation-notice p span span", "Polski"), ("pl".to_string(), "ltr".to_string()));
    assert_eq!(at(&pl, ".translation-notice p span span", "Svenska"), ("sv".to_string(), "ltr".to_string()));
}

#[test]
fn a_cards_counts_say_which_language_they_are_in() {
    // A Turkish page of a Ukrainian site (no Turkish strings) listed "3 модуля", "2 уроку" on
    // its cards unmarked; here a Polish page reads "2 lessons" from the English strings.
    let f = swedish_default();
    let pl = f.html("pl/kurs/index.html");
    assert_eq!(at(&pl, ".card-meta span", "2 lessons"), en());
    // a language with its own strings: no mark
    let de = f.html("de/kurs/index.html");
    let meta = &select(&de, ".card-meta")[0];
    assert!(select(&de, ".card-meta span").is_empty() && text(meta).contains("Lektionen"), "{}", meta.html());
}

#[test]
fn a_collections_headings_and_tag_pages_say_which_language_they_are_in() {
    // A Turkish page (no Turkish strings) of a Ukrainian collection read "Країна", "Сектор",
    // "Усі практики", "2 практики" and "Практики з тегом «Україна»" unmarked.
    let f = Fixture::empty();
    f.write("site.yaml", "title: Сайт\nlanguages: [uk, tr]\ntranslations:\n  tr: { title: Site }\n");
    f.write("content/uk/index.md", "---\ntitle: Початок\n---\n[Практики](01-p/index.md)\n");
    f.write("content/tr/index.md", "---\ntitle: Başlangıç\n---\n[Uygulamalar](01-p/index.md)\n");
    f.write("content/uk/01-p/index.md", "---\ntitle: Практики\nkind: collection\n---\nТекст.\n");
    f.write("content/uk/01-p/01-a.md", "---\ntitle: Київ\ntags:\n  country: [Україна]\n---\nТекст.\n");
    f.write("content/uk/01-p/02-b.md", "---\ntitle: Львів\ntags:\n  country: [Україна]\n---\nТекст.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let uk = ("uk".to_string(), "ltr".to_string());
    let collection = f.html("tr/p/index.html");
    assert_eq!(at(&collection, "h2.tag-group-title", "Країна"), uk);
    let tag = f.html("tr/p/tags/country-україна.html");
    assert_eq!(at(&tag, "h2.tag-group-title", "Країна"), uk);
    assert_eq!(at(&tag, "main a span", "Усі практики"), uk);
    assert_eq!(at(&tag, "p.lede", "2 практики"), uk);
    assert_eq!(at(&tag, "h1", "Практики з тегом «Україна»"), uk);
    // the default language's own page: no marks
    let own = f.html("uk/p/index.html");
    assert!(select(&own, "h2.tag-group-title[lang]").is_empty());
}

#[test]
fn a_guides_print_labels_and_cycle_link_say_which_language_they_are_in() {
    // A Turkish page (no Turkish strings) of a Ukrainian guide: the printed phases' "Хто
    // відповідає", "Що є результатом", "Заходи" and the last phase's "Повернутися до початку
    // циклу" were unmarked.
    let f = Fixture::empty();
    f.write("site.yaml", "title: Сайт\nlanguages: [uk, tr]\ntranslations:\n  tr: { title: Site }\n");
    for lang in ["uk", "tr"] {
        f.write(&format!("content/{lang}/index.md"), "---\ntitle: Start\n---\n[Guide](01-g/index.md)\n");
        f.write(&format!("content/{lang}/01-g/index.md"), "---\ntitle: Rehber\nkind: guide\n---\nText.\n");
        f.write(
            &format!("content/{lang}/01-g/01-a.md"),
            "---\ntitle: Analiz\nresponsible: Koordinatör\noutputs: [Rapor]\nactivities: [Görüşmeler]\n---\nText.\n",
        );
        f.write(&format!("content/{lang}/01-g/02-b.md"), "---\ntitle: Değerlendirme\n---\nText.\n");
    }
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let uk = ("uk".to_string(), "ltr".to_string());
    let print = f.html("tr/g/print.html");
    for label in ["Хто відповідає", "Що є результатом", "Заходи"] {
        assert_eq!(at(&print, ".phase-facts dt span", label), uk, "{label}");
    }
    let last = f.html("tr/g/b.html");
    assert_eq!(at(&last, ".pager-next .pager-label", "Повернутися до початку циклу"), uk);
    let own = f.html("uk/g/b.html");
    assert!(select(&own, ".pager-label[lang]").is_empty());
}

#[test]
fn a_phases_and_a_packaged_lessons_place_say_which_language_they_are_in() {
    // Turkish translates "Lesson 2 of 7" but not "Step 2 of 5": the phase's Ukrainian step line
    // took the mark of the lesson line (none) and was unmarked; inside a SCORM package the
    // lesson bar's "Урок 1 з 2" of a language without it was never marked.
    let f = Fixture::empty();
    f.write("site.yaml", "title: Сайт\nlanguages: [uk, tr, pl]\ntranslations:\n  tr: { title: Site }\n  pl: { title: Strona }\n");
    f.write("i18n/tr.yaml", "lesson_position: \"Ders {current} / {total}\"\n");
    f.write("content/uk/index.md", "---\ntitle: Start\n---\n[Guide](01-g/index.md)\n");
    f.write("content/uk/01-g/index.md", "---\ntitle: Посібник\nkind: guide\n---\nText.\n");
    f.write("content/uk/01-g/01-a.md", "---\ntitle: Аналіз\n---\nText.\n");
    f.write("content/uk/01-g/02-b.md", "---\ntitle: Оцінка\n---\nText.\n");
    f.write("content/uk/02-c/index.md", "---\ntitle: Курс\nkind: course\n---\nText.\n");
    f.write("content/uk/02-c/01-m/index.md", "---\ntitle: Модуль\nkind: module\n---\nText.\n");
    f.write("content/uk/02-c/01-m/01-a.md", "---\ntitle: Перший\n---\nText.\n");
    f.write("content/uk/02-c/01-m/02-b.md", "---\ntitle: Другий\n---\nText.\n");
    for (rel, title) in [("index.md", "Başla"), ("01-g/index.md", "Rehber"), ("01-g/01-a.md", "Analiz"), ("01-g/02-b.md", "Değerlendirme")] {
        f.write(
            &format!("content/tr/{rel}"),
            format!("---\ntitle: {title}\nkind: {}\n---\nMetin.\n", if rel == "01-g/index.md" { "guide" } else { "page" }).replace("kind: page\n", ""),
        );
    }
    f.write("content/tr/02-c/index.md", "---\ntitle: Kurs\nkind: course\n---\nMetin.\n");
    f.write("content/tr/02-c/01-m/index.md", "---\ntitle: Modül\nkind: module\n---\nMetin.\n");
    f.write("content/tr/02-c/01-m/01-a.md", "---\ntitle: Birinci\n---\nMetin.\n");
    f.write("content/pl/index.md", "---\ntitle: Start\n---\nTekst.\n");
    f.write("content/pl/02-c/index.md", "---\ntitle: Kurs\nkind: course\n---\nTekst.\n");
    f.write("content/pl/02-c/01-m/index.md", "---\ntitle: Moduł\nkind: module\n---\nTekst.\n");
    f.write("content/pl/02-c/01-m/01-a.md", "---\ntitle: Pierwsza\n---\nTekst.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let uk = ("uk".to_string(), "ltr".to_string());
    let step = f.html("tr/g/b.html");
    assert_eq!(at(&step, ".position span", "Крок 2 з 2"), uk, "{}", select(&step, ".position")[0].html());
    let lesson = f.html("tr/c/m/a.html");
    assert!(select(&lesson, ".position [lang]").is_empty(), "Turkish's own lesson line is not marked");
    assert_eq!(lang_at(&f.html("uk/g/b.html"), ".position"), "uk");
    // Packages: the bar's place line is Turkish in Turkish, Ukrainian (and so marked) in Polish.
    let bar = |lang: &str| {
        let zip = std::fs::read(f.out().join(format!("{lang}/downloads/m-{lang}-scorm12.zip"))).expect("the module package");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        let mut html = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("m/a.html").expect("the lesson in the package"), &mut html).unwrap();
        html
    };
    let tr = scraper::Html::parse_document(&bar("tr"));
    assert!(text(&select(&tr, ".package-position")[0]).contains("Ders 1 / 2"));
    assert!(select(&tr, ".package-position[lang], .package-position [lang]").is_empty());
    let pl = scraper::Html::parse_document(&bar("pl"));
    assert_eq!(at(&pl, ".package-position span", "Урок 1 з 2"), uk, "{}", select(&pl, ".package-where")[0].html());
}

#[test]
fn a_tag_pages_heading_marks_a_value_in_another_language_than_its_words() {
    // A Persian tag page (Persian strings) of practices only in Ukrainian read
    // "تجربه‌های دارای برچسب «Україна»" with nothing saying "Україна" is Ukrainian.
    let f = Fixture::empty();
    f.write("site.yaml", "title: Сайт\nlanguages: [uk, fa]\ntranslations:\n  fa: { title: سایت }\n");
    f.write("content/uk/index.md", "---\ntitle: Початок\n---\n[Практики](01-p/index.md)\n");
    f.write("content/fa/index.md", "---\ntitle: آغاز\n---\n[تجربه‌ها](01-p/index.md)\n");
    f.write("content/uk/01-p/index.md", "---\ntitle: Практики\nkind: collection\n---\nТекст.\n");
    f.write("content/uk/01-p/01-a.md", "---\ntitle: Київ\ntags:\n  country: [Україна]\n---\nТекст.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let tag = f.html("fa/p/tags/country-україна.html");
    let h1 = select(&tag, "main h1");
    assert_eq!(lang_of(&h1[0]), ("fa".to_string(), "rtl".to_string()), "the heading's words are Persian");
    assert_eq!(at(&tag, "main h1 span", "Україна"), ("uk".to_string(), "ltr".to_string()));
    assert_eq!(text(&h1[0]), "تجربه‌های دارای برچسب «Україна»");
    assert_eq!(at(&tag, ".breadcrumbs [aria-current=page] span", "Україна"), ("uk".to_string(), "ltr".to_string()));
    // So does the credit for re-use at its foot, which quotes the title; the document's
    // `<title>` holds text only (it takes the page's language, like every title: README).
    let credit = select(&tag, ".attribution-text");
    assert_eq!(lang_of(&credit[0]), ("fa".to_string(), "rtl".to_string()));
    assert_eq!(at(&tag, ".attribution-text span", "Україна"), ("uk".to_string(), "ltr".to_string()));
    assert!(text(&credit[0]).starts_with("«تجربه‌های دارای برچسب «Україна»»"), "{}", credit[0].html());
    assert_eq!(text(&select(&tag, "title")[0]), "تجربه‌های دارای برچسب «Україна» – سایت");
    // Its metadata says it is Persian, though the collection it lists is still Ukrainian.
    let ld = select(&tag, "script[type=\"application/ld+json\"]");
    let ld: serde_json::Value = serde_json::from_str(&ld[0].inner_html()).unwrap();
    assert_eq!(ld["inLanguage"], "fa", "the tag page's JSON-LD");
    let collection = f.html("fa/p/index.html");
    let ld = select(&collection, "script[type=\"application/ld+json\"]");
    let ld: serde_json::Value = serde_json::from_str(&ld[0].inner_html()).unwrap();
    assert_eq!(ld["inLanguage"], "uk", "the untranslated collection's JSON-LD");
    // The default language's own tag page: nothing to mark.
    let own = f.html("uk/p/tags/country-україна.html");
    assert!(select(&own, "main h1 [lang]").is_empty());
}

#[test]
fn a_printed_guides_outputs_are_listed_with_the_separator_of_their_language() {
    // The print view joined outputs with a fixed "; ", a Latin semicolon in Persian text.
    // Persian is the default language; the Ukrainian guide translates the first phase only.
    let f = Fixture::empty();
    f.write("site.yaml", "title: سایت\nlanguages: [fa, uk]\ntranslations:\n  uk: { title: Сайт }\n");
    f.write("content/fa/index.md", "---\ntitle: آغاز\n---\n[راهنما](01-g/index.md)\n");
    f.write("content/uk/index.md", "---\ntitle: Початок\n---\n[Посібник](01-g/index.md)\n");
    f.write("content/fa/01-g/index.md", "---\ntitle: راهنما\nkind: guide\n---\nمتن.\n");
    f.write("content/fa/01-g/01-a.md", "---\ntitle: تحلیل\noutputs: [گزارش, برنامه]\n---\nمتن.\n");
    f.write("content/fa/01-g/02-b.md", "---\ntitle: ارزیابی\noutputs: [جدول, فهرست]\n---\nمتن.\n");
    f.write("content/uk/01-g/index.md", "---\ntitle: Посібник\nkind: guide\n---\nТекст.\n");
    f.write("content/uk/01-g/01-a.md", "---\ntitle: Аналіз\noutputs: [Звіт, План]\n---\nТекст.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let dd = |doc: &scraper::Html, what: &str| {
        let found = select(doc, ".phase-facts dd").into_iter().find(|e| text(e).contains(what)).unwrap_or_else(|| panic!("no dd with {what}"));
        (text(&found), lang_of(&found).0)
    };
    let fa = f.html("fa/g/print.html");
    assert_eq!(dd(&fa, "گزارش"), ("گزارش؛ برنامه".to_string(), "fa".to_string()));
    let uk = f.html("uk/g/print.html");
    assert_eq!(dd(&uk, "Звіт"), ("Звіт; План".to_string(), "uk".to_string()));
    // The phase not translated yet: Persian, listed the Persian way, on the Ukrainian page.
    assert_eq!(dd(&uk, "جدول"), ("جدول؛ فهرست".to_string(), "fa".to_string()));
}

#[test]
fn a_whole_paragraph_in_another_direction_is_marked_on_the_paragraph_a_line_on_a_span() {
    // A Swedish page of an Arabic site (Swedish has no interface strings): the EU disclaimer
    // and the accessibility statement's sentences were each an Arabic span inside a Swedish
    // <p>, so they kept the left edge; a short line keeps the page's side.
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "title: موقع\nlanguages:\n  - code: ar\n  - code: sv\ntranslations:\n  sv: { title: Webbplats }\neu_funding:\n  authority: IKY\naccessibility:\n  contact: a@example.org\n  date: 2026-12-04\n",
    );
    f.write("content/ar/index.md", "---\ntitle: البداية\n---\nمرحبا.\n");
    f.write("content/sv/index.md", "---\ntitle: Start\n---\nHej.\n");
    f.write("i18n/sv.yaml", "a11y_no_issues: Vi känner inte till något innehåll här som inte är tillgängligt.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let sv = f.read_out("sv/index.html");
    let disclaimer = sv.split("<p class=\"eu-disclaimer\"").nth(1).unwrap_or_default();
    assert!(
        disclaimer.starts_with(" lang=\"ar\" dir=\"rtl\">") && !disclaimer.split("</p>").next().unwrap_or_default().contains("<span lang=\"ar\""),
        "{disclaimer:.300}"
    );
    let a11y = f.read_out("sv/accessibility.html");
    assert!(a11y.contains("<p lang=\"ar\" dir=\"rtl\">"), "the statement's Arabic paragraphs are blocks");
    assert!(a11y.contains("<p>Vi känner inte till något innehåll här som inte är tillgängligt.</p>"), "the page's own paragraph is unmarked");
    assert!(sv.contains("<p class=\"search-nojs\"><span lang=\"ar\" dir=\"rtl\">"), "a short line keeps its span");
}
