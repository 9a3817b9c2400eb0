//! rpm's Berkeley DB `Packages` file (RHEL/CentOS ≤ 8, Amazon Linux 2): a
//! hash database whose values are the package headers. Only what rpm's
//! database holds is read: the metadata page (magic, byte order, page size,
//! last page), every hash page's key/value index, and values stored off-page
//! (`H_OFFPAGE`), which a chain of overflow pages holds. Everything is
//! bounded by the file: a page number past the last page, a chain longer
//! than the file has pages, or a value longer than it declares is an error.
//! (knqyf263/go-rpmdb was the reference for the layout; Berkeley DB's
//! `db_page.h` defines it.)

const MAGIC: u32 = 0x0006_1561;
const HASH_META: u8 = 8;
const HASH_UNSORTED: u8 = 2;
const HASH: u8 = 13;
const OVERFLOW: u8 = 7;
const H_OFFPAGE: u8 = 3;
const PAGE_HEADER: usize = 26;

/// Whether `data` starts like a Berkeley DB hash database (either byte order).
pub fn is_bdb(data: &[u8]) -> bool {
    data.get(12..16).is_some_and(|m| {
        [u32::from_le_bytes, u32::from_be_bytes]
            .iter()
            .any(|f| f([m[0], m[1], m[2], m[3]]) == MAGIC)
    })
}

struct Layout<'a> {
    data: &'a [u8],
    page_size: usize,
    last_page: usize,
    big_endian: bool,
}

impl<'a> Layout<'a> {
    fn u16_at(&self, page: &[u8], at: usize) -> Option<u16> {
        let b = page.get(at..at + 2)?;
        Some(if self.big_endian {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        })
    }

    fn u32_at(&self, page: &[u8], at: usize) -> Option<u32> {
        let b = page.get(at..at + 4)?;
        let bytes = [b[0], b[1], b[2], b[3]];
        Some(if self.big_endian {
            u32::from_be_bytes(bytes)
        } else {
            u32::from_le_bytes(bytes)
        })
    }

    fn page(&self, number: usize) -> Result<&'a [u8], String> {
        if number > self.last_page {
            return Err(format!("page {number} is past the last page"));
        }
        let start = number * self.page_size;
        self.data
            .get(start..start + self.page_size)
            .ok_or_else(|| format!("page {number} is past the end of the file"))
    }

    /// The value an `H_OFFPAGE` item at `item` of `page` points to.
    fn off_page_value(&self, page: &[u8], item: usize) -> Result<Vec<u8>, String> {
        let mut next = self.u32_at(page, item + 4).ok_or("a cut off-page item")? as usize;
        let length = self.u32_at(page, item + 8).ok_or("a cut off-page item")? as usize;
        if length > self.data.len() {
            return Err("an off-page value longer than the file".into());
        }
        let mut value = Vec::with_capacity(length);
        let mut visited = 0;
        while next != 0 {
            visited += 1;
            if visited > self.last_page + 1 {
                return Err("an overflow chain that loops".into());
            }
            let overflow = self.page(next)?;
            if overflow[25] != OVERFLOW {
                return Err(format!(
                    "page {next} in an overflow chain is no overflow page"
                ));
            }
            let following = self.u32_at(overflow, 16).unwrap_or(0) as usize;
            let used = if following == 0 {
                // The last page: its "free area offset" is the bytes it holds.
                self.u16_at(overflow, 22).unwrap_or(0) as usize
            } else {
                self.page_size - PAGE_HEADER
            };
            let bytes = overflow
                .get(PAGE_HEADER..PAGE_HEADER + used)
                .ok_or_else(|| format!("overflow page {next} claims more than it holds"))?;
            value.extend_from_slice(bytes);
            if value.len() > length {
                return Err("an off-page value longer than it declares".into());
            }
            next = following;
        }
        Ok(value)
    }
}

/// Every value (package header blob) of the database.
pub fn values(data: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let magic = |f: fn([u8; 4]) -> u32| data.get(12..16).map(|m| f([m[0], m[1], m[2], m[3]]));
    let big_endian = match (magic(u32::from_le_bytes), magic(u32::from_be_bytes)) {
        (Some(MAGIC), _) => false,
        (_, Some(MAGIC)) => true,
        _ => return Err("no Berkeley DB hash magic".into()),
    };
    let mut layout = Layout {
        data,
        page_size: 0,
        last_page: 0,
        big_endian,
    };
    let meta = data.get(..512).ok_or("shorter than its metadata page")?;
    let page_size = layout.u32_at(meta, 20).unwrap_or(0) as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(format!("an impossible page size ({page_size})"));
    }
    if meta[24] != 0 {
        return Err("encrypted".into());
    }
    if meta[25] != HASH_META {
        return Err("no hash database".into());
    }
    layout.page_size = page_size;
    layout.last_page = layout.u32_at(meta, 32).unwrap_or(0) as usize;
    if layout.last_page >= data.len() / page_size {
        return Err("shorter than its last page".into());
    }
    let mut values = Vec::new();
    for number in 1..=layout.last_page {
        let page = layout.page(number)?;
        if page[25] != HASH && page[25] != HASH_UNSORTED {
            continue;
        }
        let entries = layout.u16_at(page, 20).unwrap_or(0) as usize;
        // Key and value offsets alternate; the values are the odd ones.
        for pair in 0..entries / 2 {
            let at = PAGE_HEADER + (2 * pair + 1) * 2;
            let item = layout.u16_at(page, at).ok_or("a cut hash page index")? as usize;
            match page.get(item) {
                Some(&H_OFFPAGE) => values.push(layout.off_page_value(page, item)?),
                Some(_) => {}
                None => return Err(format!("a value offset past page {number}")),
            }
        }
    }
    Ok(values)
}
