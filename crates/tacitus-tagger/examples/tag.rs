//! Tags whitespace-tokenized sentences from stdin, one per line: `word/Tag ...`.

use std::io::BufRead;

use tacitus_tagger::Tagger;

fn main() {
    let t = Tagger::embedded();
    let mut tags = Vec::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let words: Vec<&str> = line.split_whitespace().collect();
        t.tag(&words, &mut tags);
        let out: Vec<String> = words
            .iter()
            .zip(&tags)
            .map(|(w, p)| format!("{w}/{p}"))
            .collect();
        println!("{}", out.join(" "));
    }
}
