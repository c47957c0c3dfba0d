//! Word tables of the directives extractor: document type codes, issuing-body
//! codes and the type words of prose (documents.md §4, §6, §7).
//!
//! Code tables are keyed by the code in upper case (what a case-folded match
//! compares), sorted by bytes, and give the canonical spelling (`QĐi`,
//! `CTr`, `TTg`) and the Vietnamese name. The prose table is keyed by the
//! lower-case type word.

/// One entry of a code table: upper-case key, canonical code, name.
pub type CodeEntry = (&'static str, &'static str, &'static str);

/// Party document types (documents.md §4), keyed by the upper-case code.
pub const PARTY_KINDS: &[CodeEntry] = &[
    ("BB", "BB", "Biên bản"),
    ("BC", "BC", "Báo cáo"),
    ("BS", "BS", "Bản sao"),
    ("CT", "CT", "Chỉ thị"),
    ("CTR", "CTr", "Chương trình"),
    ("CV", "CV", "Công văn"),
    ("DA", "DA", "Dự án"),
    ("GCN", "GCN", "Giấy chứng nhận"),
    ("GGT", "GGT", "Giấy giới thiệu"),
    ("GNP", "GNP", "Giấy nghỉ phép"),
    ("HD", "HD", "Hướng dẫn"),
    ("KH", "KH", "Kế hoạch"),
    ("KL", "KL", "Kết luận"),
    ("NQ", "NQ", "Nghị quyết"),
    ("PA", "PA", "Phương án"),
    ("PG", "PG", "Phiếu gửi"),
    ("QC", "QC", "Quy chế"),
    ("QHO", "QHo", "Quy hoạch"),
    ("QTR", "QTr", "Quy trình"),
    ("QĐ", "QĐ", "Quyết định"),
    ("QĐI", "QĐi", "Quy định"),
    ("SL", "SL", "Sao lục"),
    ("TB", "TB", "Thông báo"),
    ("TS", "TS", "Trích sao"),
    ("TT", "TT", "Thông tri"),
    ("TTR", "TTr", "Tờ trình"),
    ("ĐA", "ĐA", "Đề án"),
];

/// State document types (documents.md §7), keyed by the upper-case code.
pub const STATE_KINDS: &[CodeEntry] = &[
    ("BB", "BB", "Biên bản"),
    ("BC", "BC", "Báo cáo"),
    ("BGN", "BGN", "Bản ghi nhớ"),
    ("CT", "CT", "Chỉ thị"),
    ("CTR", "CTr", "Chương trình"),
    ("CĐ", "CĐ", "Công điện"),
    ("DA", "DA", "Dự án"),
    ("GGT", "GGT", "Giấy giới thiệu"),
    ("GM", "GM", "Giấy mời"),
    ("GUQ", "GUQ", "Giấy ủy quyền"),
    ("HD", "HD", "Hướng dẫn"),
    ("HĐ", "HĐ", "Hợp đồng"),
    ("KH", "KH", "Kế hoạch"),
    ("L", "L", "Lệnh"),
    ("NQ", "NQ", "Nghị quyết"),
    ("NĐ", "NĐ", "Nghị định"),
    ("PA", "PA", "Phương án"),
    ("QC", "QC", "Quy chế"),
    ("QYĐ", "QyĐ", "Quy định"),
    ("QĐ", "QĐ", "Quyết định"),
    ("TB", "TB", "Thông báo"),
    ("TC", "TC", "Thông cáo"),
    ("TT", "TT", "Thông tư"),
    ("TTLT", "TTLT", "Thông tư liên tịch"),
    ("TTR", "TTr", "Tờ trình"),
    ("VBHN", "VBHN", "Văn bản hợp nhất"),
    ("ĐA", "ĐA", "Đề án"),
];

/// Party issuing bodies (documents.md §6), keyed by the upper-case code.
pub const PARTY_ISSUERS: &[CodeEntry] = &[
    ("BCS", "BCS", "Ban cán sự đảng"),
    ("BCSĐ", "BCSĐ", "Ban cán sự đảng"),
    ("BCĐTW", "BCĐTW", "Ban Chỉ đạo Trung ương"),
    ("BDVTU", "BDVTU", "Ban Dân vận Tỉnh ủy"),
    ("BDVTW", "BDVTW", "Ban Dân vận Trung ương"),
    ("BKTTW", "BKTTW", "Ban Kinh tế Trung ương"),
    ("BNCTU", "BNCTU", "Ban Nội chính Tỉnh ủy"),
    ("BNCTW", "BNCTW", "Ban Nội chính Trung ương"),
    ("BTCTU", "BTCTU", "Ban Tổ chức Tỉnh ủy"),
    ("BTCTW", "BTCTW", "Ban Tổ chức Trung ương"),
    ("BTGDVTW", "BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương"),
    ("BTGTU", "BTGTU", "Ban Tuyên giáo Tỉnh ủy"),
    ("BTGTW", "BTGTW", "Ban Tuyên giáo Trung ương"),
    ("BĐNTW", "BĐNTW", "Ban Đối ngoại Trung ương"),
    ("CB", "CB", "Chi bộ"),
    ("HU", "HU", "Huyện ủy"),
    ("QU", "QU", "Quận ủy"),
    ("QUTW", "QUTW", "Quân ủy Trung ương"),
    ("THU", "ThU", "Thành ủy"),
    ("TU", "TU", "Tỉnh ủy"),
    ("TW", "TW", "Trung ương"),
    ("TXU", "TxU", "Thị ủy"),
    ("TƯ", "TƯ", "Trung ương"),
    ("UBKTTU", "UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"),
    ("UBKTTW", "UBKTTW", "Ủy ban Kiểm tra Trung ương"),
    ("VPTU", "VPTU", "Văn phòng Tỉnh ủy"),
    ("VPTW", "VPTW", "Văn phòng Trung ương Đảng"),
    ("ĐU", "ĐU", "Đảng ủy"),
    ("ĐUCA", "ĐUCA", "Đảng ủy Công an Trung ương"),
    ("ĐUK", "ĐUK", "Đảng ủy Khối"),
    ("ĐUNN", "ĐUNN", "Đảng ủy Ngoài nước"),
    ("ĐUQSTW", "ĐUQSTW", "Đảng ủy Quân sự Trung ương"),
    ("ĐĐ", "ĐĐ", "Đảng đoàn"),
];

/// State issuing bodies (documents.md §7), keyed by the upper-case code
/// without a trailing term number (`QH15` → `QH`).
pub const STATE_ISSUERS: &[CodeEntry] = &[
    ("BCA", "BCA", "Bộ Công an"),
    ("BCT", "BCT", "Bộ Công Thương"),
    ("BGDĐT", "BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("BGTVT", "BGTVT", "Bộ Giao thông vận tải"),
    ("BKHCN", "BKHCN", "Bộ Khoa học và Công nghệ"),
    ("BKHĐT", "BKHĐT", "Bộ Kế hoạch và Đầu tư"),
    ("BLĐTBXH", "BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
    ("BNG", "BNG", "Bộ Ngoại giao"),
    (
        "BNNPTNT",
        "BNNPTNT",
        "Bộ Nông nghiệp và Phát triển nông thôn",
    ),
    ("BNV", "BNV", "Bộ Nội vụ"),
    ("BQP", "BQP", "Bộ Quốc phòng"),
    ("BTC", "BTC", "Bộ Tài chính"),
    ("BTNMT", "BTNMT", "Bộ Tài nguyên và Môi trường"),
    ("BTP", "BTP", "Bộ Tư pháp"),
    ("BTTTT", "BTTTT", "Bộ Thông tin và Truyền thông"),
    ("BVHTTDL", "BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("BXD", "BXD", "Bộ Xây dựng"),
    ("BYT", "BYT", "Bộ Y tế"),
    ("CP", "CP", "Chính phủ"),
    ("CTN", "CTN", "Chủ tịch nước"),
    ("HĐND", "HĐND", "Hội đồng nhân dân"),
    ("KTNN", "KTNN", "Kiểm toán Nhà nước"),
    ("NHNN", "NHNN", "Ngân hàng Nhà nước"),
    ("QH", "QH", "Quốc hội"),
    ("TTCP", "TTCP", "Thanh tra Chính phủ"),
    ("TTG", "TTg", "Thủ tướng Chính phủ"),
    ("UBDT", "UBDT", "Ủy ban Dân tộc"),
    ("UBND", "UBND", "Ủy ban nhân dân"),
    ("UBTVQH", "UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    ("VPCP", "VPCP", "Văn phòng Chính phủ"),
];

/// A type word of prose: lower-case words, kind code, kind name.
pub type WordEntry = (&'static str, &'static str, &'static str);

/// Document type words as prose writes them before a number or a name,
/// lower case, sorted. Compounds ("thông báo kết luận") name the kind of
/// their head.
pub const TYPE_WORDS: &[WordEntry] = &[
    ("báo cáo", "BC", "Báo cáo"),
    ("chương trình", "CTr", "Chương trình"),
    ("chương trình hành động", "CTr", "Chương trình"),
    ("chỉ thị", "CT", "Chỉ thị"),
    ("công văn", "CV", "Công văn"),
    ("công điện", "CĐ", "Công điện"),
    ("dự án", "DA", "Dự án"),
    ("hướng dẫn", "HD", "Hướng dẫn"),
    ("kế hoạch", "KH", "Kế hoạch"),
    ("kết luận", "KL", "Kết luận"),
    ("luật", "Luật", "Luật"),
    ("nghị quyết", "NQ", "Nghị quyết"),
    ("nghị quyết liên tịch", "NQLT", "Nghị quyết liên tịch"),
    ("nghị định", "NĐ", "Nghị định"),
    ("phương án", "PA", "Phương án"),
    ("quy chế", "QC", "Quy chế"),
    ("quy hoạch", "QHo", "Quy hoạch"),
    ("quy trình", "QTr", "Quy trình"),
    ("quy định", "QĐi", "Quy định"),
    ("quyết định", "QĐ", "Quyết định"),
    ("thông báo", "TB", "Thông báo"),
    ("thông báo kết luận", "TB", "Thông báo"),
    ("thông cáo", "TC", "Thông cáo"),
    ("thông tri", "TT", "Thông tri"),
    ("thông tư", "TT", "Thông tư"),
    ("thông tư liên tịch", "TTLT", "Thông tư liên tịch"),
    ("tờ trình", "TTr", "Tờ trình"),
    ("đề án", "ĐA", "Đề án"),
];

/// Two-syllable words that name an organisation with only the first
/// syllable capitalised ("Đảng bộ Quân đội", "Đảng ủy Công an Trung ương",
/// "Hội Cựu chiến binh"): lower-case syllable pairs. In a name, a lower-case
/// word continues a capitalised word (or the tail of such a pair) when the
/// two form one of these.
pub const NAME_COMPOUNDS: &[&str] = &[
    "binh chủng",
    "biên phòng",
    "báo chí",
    "bưu điện",
    "bảo hiểm",
    "bộ đội",
    "cao su",
    "chiến binh",
    "công an",
    "công nghiệp",
    "công nghệ",
    "công thương",
    "cảnh sát",
    "cựu chiến",
    "du lịch",
    "dầu khí",
    "giao thông",
    "giáo dục",
    "hàng hải",
    "hàng không",
    "hải quan",
    "hậu cần",
    "học viện",
    "khoa học",
    "khoáng sản",
    "kinh tế",
    "kiểm sát",
    "kiểm toán",
    "lao động",
    "lâm nghiệp",
    "môi trường",
    "mặt trận",
    "ngoại giao",
    "ngoại vụ",
    "ngân hàng",
    "nông dân",
    "nông nghiệp",
    "nông thôn",
    "nội vụ",
    "phát thanh",
    "phát triển",
    "phụ nữ",
    "quân chủng",
    "quân khu",
    "quân đội",
    "quốc phòng",
    "thanh niên",
    "thông tin",
    "thể thao",
    "thủy sản",
    "truyền hình",
    "truyền thông",
    "tài chính",
    "tài nguyên",
    "tòa án",
    "tư pháp",
    "viễn thông",
    "văn hóa",
    "xây dựng",
    "y tế",
    "điện lực",
    "đường sắt",
    "đại học",
    "đầu tư",
];

/// Upper-case abbreviations that stand for a type word before a number
/// ("NQ 18"), with their kind and kind name.
pub const TYPE_ABBREVIATIONS: &[WordEntry] = &[
    ("CT", "CT", "Chỉ thị"),
    ("KL", "KL", "Kết luận"),
    ("NQ", "NQ", "Nghị quyết"),
    ("NĐ", "NĐ", "Nghị định"),
    ("QĐ", "QĐ", "Quyết định"),
];

/// Lower-case words that follow a number without making it a document
/// number ("Kế hoạch 5 năm", "Chương trình 3 ngày").
pub const UNIT_WORDS: &[&str] = &[
    "buổi",
    "bước",
    "chỉ",
    "con",
    "cuộc",
    "cán",
    "công",
    "cơ",
    "dự",
    "giải",
    "giờ",
    "hộ",
    "khóa",
    "lượt",
    "lần",
    "lớp",
    "mục",
    "nghìn",
    "ngàn",
    "ngày",
    "người",
    "nhiệm",
    "nhóm",
    "năm",
    "nội",
    "phút",
    "quý",
    "tháng",
    "triệu",
    "trường",
    "tuần",
    "tổ",
    "tỷ",
    "vấn",
    "xã",
    "điểm",
    "đơn",
    "đảng",
    "đề",
    "đồng",
    "đợt",
];

/// Lower-case words allowed inside the name of a congress or plenum and in
/// an issuing body ("Ban Chấp hành Trung ương Đảng", "Đại hội đại biểu toàn
/// quốc lần thứ XIII", "Ủy ban nhân dân tỉnh").
pub const NAME_WORDS: &[&str] = &[
    "ba",
    "biểu",
    "bí",
    "bảy",
    "bộ",
    "chi",
    "chín",
    "chính",
    "chấp",
    "chỉ",
    "chức",
    "các",
    "cán",
    "cơ",
    "cấp",
    "của",
    "doanh",
    "dân",
    "giáo",
    "hai",
    "huyện",
    "hành",
    "hội",
    "khóa",
    "khối",
    "kiểm",
    "lăm",
    "lần",
    "mươi",
    "mười",
    "mốt",
    "một",
    "nghiệp",
    "nghị",
    "ngoài",
    "nhân",
    "nhất",
    "năm",
    "nước",
    "nội",
    "phường",
    "phố",
    "phủ",
    "quan",
    "quận",
    "quốc",
    "sáu",
    "sản",
    "sở",
    "sự",
    "thành",
    "thư",
    "thường",
    "thị",
    "thứ",
    "toàn",
    "tra",
    "trung",
    "trấn",
    "trị",
    "tuyên",
    "tám",
    "tư",
    "tướng",
    "tỉnh",
    "tổ",
    "và",
    "vận",
    "vụ",
    "xã",
    "đoàn",
    "đại",
    "đạo",
    "đảng",
    "ương",
    "ủy",
];

/// Looks `key` (upper case) up in a code table.
pub fn lookup(table: &'static [CodeEntry], key: &str) -> Option<&'static CodeEntry> {
    table
        .binary_search_by(|e| e.0.cmp(key))
        .ok()
        .map(|i| &table[i])
}

/// Looks `key` (lower case) up in a word table.
pub fn lookup_word(table: &'static [WordEntry], key: &str) -> Option<&'static WordEntry> {
    table
        .binary_search_by(|e| e.0.cmp(key))
        .ok()
        .map(|i| &table[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn sorted_unique<T: Ord + std::fmt::Debug>(keys: &[T], what: &str) {
        for w in keys.windows(2) {
            assert!(w[0] < w[1], "{what}: {:?} !< {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn code_tables_sorted_upper_nfc() {
        for (name, t) in [
            ("PARTY_KINDS", PARTY_KINDS),
            ("STATE_KINDS", STATE_KINDS),
            ("PARTY_ISSUERS", PARTY_ISSUERS),
            ("STATE_ISSUERS", STATE_ISSUERS),
        ] {
            let keys: Vec<&str> = t.iter().map(|e| e.0).collect();
            sorted_unique(&keys, name);
            for e in t {
                assert_eq!(e.0, e.0.to_uppercase(), "{name}: key not upper case");
                assert_eq!(e.0, e.1.to_uppercase(), "{name}: key vs canonical");
                assert_eq!(e.2, e.2.nfc().collect::<String>(), "{name}: name NFC");
            }
        }
    }

    #[test]
    fn word_tables_sorted_lower_nfc() {
        for (name, t) in [("TYPE_WORDS", TYPE_WORDS)] {
            let keys: Vec<&str> = t.iter().map(|e| e.0).collect();
            sorted_unique(&keys, name);
            for k in keys {
                assert_eq!(k, k.to_lowercase());
                assert_eq!(k, k.nfc().collect::<String>());
            }
        }
        let keys: Vec<&str> = TYPE_ABBREVIATIONS.iter().map(|e| e.0).collect();
        sorted_unique(&keys, "TYPE_ABBREVIATIONS");
        for (name, l) in [
            ("UNIT_WORDS", UNIT_WORDS),
            ("NAME_WORDS", NAME_WORDS),
            ("NAME_COMPOUNDS", NAME_COMPOUNDS),
        ] {
            sorted_unique(l, name);
            for k in l {
                assert_eq!(*k, k.to_lowercase());
                assert_eq!(*k, k.nfc().collect::<String>());
                // Traditional tone placement only: in an open syllable the
                // tone sits on the first vowel of "oa", "oe", "uy" ("hóa",
                // "Ủy"; "toán" and "khoáng" are spelled alike in both styles).
                for syl in k.split(' ') {
                    let new_style = [
                        "oá", "oà", "oả", "oã", "oạ", "oé", "oè", "oẻ", "oẽ", "oẹ", "uý", "uỳ",
                        "uỷ", "uỹ", "uỵ",
                    ];
                    let qu = syl.starts_with("qu"); // "quý": "u" belongs to "qu"
                    assert!(qu || !new_style.iter().any(|e| syl.ends_with(e)), "{k}");
                }
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(lookup(PARTY_KINDS, "QĐI").map(|e| e.1), Some("QĐi"));
        assert_eq!(lookup(STATE_ISSUERS, "TTG").map(|e| e.1), Some("TTg"));
        assert!(lookup(PARTY_ISSUERS, "XYZ").is_none());
        assert_eq!(lookup_word(TYPE_WORDS, "chỉ thị").map(|e| e.1), Some("CT"));
        assert!(NAME_WORDS.binary_search(&"hành").is_ok());
    }
}
